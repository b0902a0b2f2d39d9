-- Snapshot $1's files with their SHA-256.
SELECT file, sha256 FROM meta.snapshot_files WHERE snapshot_id = $1
