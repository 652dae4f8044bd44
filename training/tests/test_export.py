import hashlib
import json
import zipfile

import pytest
import torch

from ganimation.action_units import au_codes
from ganimation.model_dir import EMBEDDED_METADATA, export_generator, load_eager_generator, read_metadata
from ganimation.paper.networks import Generator, randomize_norm_affine


def small_generator(seed=0):
    torch.manual_seed(seed)
    g = Generator(conv_dim=8, repeat_num=2)
    randomize_norm_affine(g, torch.Generator().manual_seed(seed))
    return g.eval()


def test_export_writes_torchscript_that_matches_eager(tmp_path):
    g = small_generator()
    export_generator(g, tmp_path, image_size=64, provenance={"seed": 0})
    scripted = torch.jit.load(str(tmp_path / "generator.pt"))
    image = torch.rand(4, 3, 64, 64) * 2 - 1
    aus = torch.rand(4, 17)
    with torch.no_grad():
        c0, a0 = g(image, aus)
        c1, a1 = scripted(image, aus)
    assert (c0 - c1).abs().max() < 1e-6 and (a0 - a1).abs().max() < 1e-6


def test_model_json_describes_the_network(tmp_path):
    export_generator(small_generator(), tmp_path, image_size=64)
    meta = read_metadata(tmp_path)
    assert meta["formatVersion"] == 1
    assert meta["architecture"]["convDim"] == 8 and meta["architecture"]["repeatNum"] == 2
    assert meta["input"]["size"] == 64
    assert meta["actionUnits"]["codes"] == au_codes() and len(au_codes()) == 17
    digest = hashlib.sha256((tmp_path / "generator.pt").read_bytes()).hexdigest()
    assert meta["files"]["generator"]["sha256"] == digest
    with zipfile.ZipFile(tmp_path / "generator.pt") as z:
        name = next(n for n in z.namelist() if n.endswith("/extra/" + EMBEDDED_METADATA))
        embedded = json.loads(z.read(name))
    assert embedded["inputSize"] == 64 and embedded["architecture"] == meta["architecture"]


def test_eager_reload_equals_export(tmp_path):
    g = small_generator(3)
    export_generator(g, tmp_path, image_size=32)
    g2 = load_eager_generator(tmp_path)
    for (k, v), (k2, v2) in zip(g.state_dict().items(), g2.state_dict().items()):
        assert k == k2 and torch.equal(v, v2)


def test_export_refuses_size_not_multiple_of_four(tmp_path):
    with pytest.raises(ValueError, match="multiple of 4"):
        export_generator(small_generator(), tmp_path, image_size=30)


def test_export_from_a_model_directory_keeps_weights_and_provenance(tmp_path):
    from ganimation.paper import export
    export_generator(small_generator(4), tmp_path / "old", image_size=64, provenance={"run": "r1", "seed": 4})
    assert export.main(["--out", str(tmp_path / "new"), "--model-dir", str(tmp_path / "old")]) == 0
    old, new = read_metadata(tmp_path / "old"), read_metadata(tmp_path / "new")
    assert new["provenance"]["run"] == "r1" and new["architecture"] == old["architecture"]
    assert new["input"]["size"] == 64
    image = torch.rand(2, 3, 64, 64) * 2 - 1
    aus = torch.rand(2, 17)
    with torch.no_grad():
        c0, a0 = torch.jit.load(str(tmp_path / "old" / "generator.pt"))(image, aus)
        c1, a1 = torch.jit.load(str(tmp_path / "new" / "generator.pt"))(image, aus)
    assert (c0 - c1).abs().max() < 1e-5 and (a0 - a1).abs().max() < 1e-5
