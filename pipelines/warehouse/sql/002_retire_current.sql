-- The current snapshot stops being current (a load is making another).
UPDATE meta.snapshots SET is_current = false WHERE is_current
