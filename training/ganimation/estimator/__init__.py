"""The AU estimator, a small CNN that reads the 17 AU intensities of a face crop; `-m ganimation.estimator` runs it."""
