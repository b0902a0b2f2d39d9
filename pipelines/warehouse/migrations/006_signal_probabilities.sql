-- With Monte Carlo draws (scenarios with `draws`), the probability of each
-- signal of the published preset.
ALTER TABLE results.programs ADD COLUMN prob_red DOUBLE;
ALTER TABLE results.programs ADD COLUMN prob_yellow DOUBLE;
ALTER TABLE results.programs ADD COLUMN prob_green DOUBLE;
