-- Who asked for a run from the workbench (vocmap serve): the account's
-- name; NULL for runs started from the command line or a scheduler.
ALTER TABLE meta.runs ADD COLUMN requested_by VARCHAR;
