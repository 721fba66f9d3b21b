-- A run that would retire more than zoning.sync.retire-guard.max-share of the units in force (or all of them) ends
-- HELD: nothing applied, the delivery it would apply kept here, until an administrator confirms it (applied exactly as
-- held) or discards it. outcome now also takes HELD.
alter table sync_run add column held_delivery jsonb;          -- the delivery a HELD run would apply; null otherwise
alter table sync_run add column retiring      text[];         -- unit codes a HELD run would retire
create index sync_run_held on sync_run (started_at) where outcome = 'HELD';

-- Which hub instance (host and inbox) runs a file import: a restarted instance fails only its own imports that were
-- left RUNNING, never those of another live instance.
alter table sync_run add column owner text;
