// 68-point face landmarks for training crops, with dlib's HOG face detector and shape predictor.
//
//   face_landmarks PREDICTOR.dat < list-of-images > landmarks.csv
//
// Each crop holds one face in a known place (crop-geometry.json); the detector refines that box
// and, where it finds no face, the predictor starts from the crop geometry's own face box.
// Output: file,detected,x0,y0,...,x67,y67 in pixels of the crop.
#include <dlib/image_io.h>
#include <dlib/image_processing.h>
#include <dlib/image_processing/frontal_face_detector.h>
#include <dlib/image_transforms.h>

#include <cmath>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: face_landmarks PREDICTOR.dat [SCALE SHIFT_Y] < images > landmarks.csv\n";
        return 2;
    }
    const double scale = argc > 2 ? std::stod(argv[2]) : 1.75;
    const double shift_y = argc > 3 ? std::stod(argv[3]) : 0.08;
    dlib::shape_predictor predictor;
    dlib::deserialize(argv[1]) >> predictor;
    dlib::frontal_face_detector detector = dlib::get_frontal_face_detector();
    std::cout << "file,detected";
    for (int i = 0; i < 68; ++i) std::cout << ",x" << i << ",y" << i;
    std::cout << "\n";
    std::string path;
    while (std::getline(std::cin, path)) {
        if (path.empty()) continue;
        dlib::array2d<dlib::rgb_pixel> img;
        try {
            dlib::load_image(img, path);
        } catch (const std::exception& e) {
            std::cerr << path << ": " << e.what() << "\n";
            continue;
        }
        // The crop's own face box: side / scale, centred shift_y x box above the crop centre.
        const double side = img.nc() / scale;
        const double cx = img.nc() / 2.0, cy = img.nr() / 2.0 - shift_y * side;
        dlib::rectangle box(std::lround(cx - side / 2), std::lround(cy - side / 2),
                            std::lround(cx + side / 2), std::lround(cy + side / 2));
        // Faces in 128-px crops are below the detector's 80-px window: search at twice the size.
        dlib::array2d<dlib::rgb_pixel> big(img.nr() * 2, img.nc() * 2);
        dlib::resize_image(img, big);
        bool detected = false;
        double best = 0;
        for (const auto& d : detector(big)) {
            dlib::rectangle r(d.left() / 2, d.top() / 2, d.right() / 2, d.bottom() / 2);
            const double overlap = r.intersect(box).area() / double(r.area() + box.area() - r.intersect(box).area());
            if (overlap > best && overlap > 0.3) {
                best = overlap;
                box = r;
                detected = true;
            }
        }
        const dlib::full_object_detection shape = predictor(img, box);
        std::cout << path << "," << (detected ? 1 : 0);
        for (unsigned i = 0; i < shape.num_parts(); ++i) std::cout << "," << shape.part(i).x() << "," << shape.part(i).y();
        std::cout << "\n";
    }
    return 0;
}
