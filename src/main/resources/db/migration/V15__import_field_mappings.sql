-- Which column of each file of a file import filled which field (file name → field code → column name as found, e.g.
-- {"units.zip": {"HJGKDYBM": "DYBM"}}), so that an import's report, rebuilt from its run, says which names matched.
-- Null for provincial pulls and for imports recorded before this column existed.
alter table sync_run add column field_mappings jsonb;
