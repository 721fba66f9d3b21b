-- The relay chooses an event's topic from its aggregate type (the stream): unit, rule, unit-state, and
-- feed:{subscriber}:{stream} for subscriber feeds. New rows leave the topic column empty; it stays for rows written
-- before this migration and for anyone reading the table by hand.
alter table outbox alter column topic drop not null;
