-- Provincial sync that survives the real world: whether a pull was full or incremental.
--
-- mode: FULL (every record, may retire what the province no longer lists) or INCREMENTAL (records updated since the
-- cursor in sync_cursor); null for runs that are not provincial pulls (file imports).
alter table sync_run add column mode text;
