-- Outbox payloads are stored out of line but uncompressed (STORAGE EXTERNAL). An event is written once, by the change
-- it announces, and read once, by the relay, usually within seconds; compressing it on the way in and decompressing it
-- on the way out (pglz) was about half of the database's work to read events for the relay, and a large part of the
-- CPU of a full sync's event writes. The price is disk: about twice the bytes per event until the purge deletes sent
-- rows (zoning.publish.retention). Rows written before keep their compression and are read as before; nothing is
-- rewritten.
alter table outbox alter column payload set storage external;
