-- The relay's queue of unsent events, apart from the outbox. Until now an event was marked sent by setting its
-- outbox row's sent_at, an UPDATE that PostgreSQL could not make HOT (the index of unsent rows had sent_at in its
-- predicate): a new version of every row, entered again in the primary key and the position index, with its WAL, for
-- every event sent, about half of the database's work for the relay. Now an insert into the outbox also enters the
-- row's position in outbox_pending (statement trigger below, in the same transaction), the relay reads its batches
-- there in position order, and marking a batch sent deletes its positions from it: an outbox row is sent when its
-- position is no longer pending. Each mark also writes one row to outbox_relay_log: when the relay marked how many
-- events, and the range of their positions.
--
-- Drops outbox.sent_at: stop every instance of an older version before starting this one (README "Upgrades").
create table outbox_pending (
    -- a row deleted from the outbox (by hand: the purge keeps pending rows) leaves no position the relay cannot read
    position      bigint primary key references outbox (position) on delete cascade,
    -- the key, for the dead letters' hold (a key with an open dead letter waits behind it)
    aggregatetype text   not null,
    aggregateid   text   not null
);

insert into outbox_pending (position, aggregatetype, aggregateid)
select position, aggregatetype, aggregateid
from outbox
where sent_at is null;

create function outbox_enqueue() returns trigger
    language plpgsql
as
$$
begin
    insert into outbox_pending (position, aggregatetype, aggregateid)
    select position, aggregatetype, aggregateid from appended;
    return null;
end
$$;

create trigger outbox_enqueue
    after insert
    on outbox
    referencing new table as appended
    for each statement
execute function outbox_enqueue();
-- fires whatever the session's replication role: a row in the outbox is always pending until sent (the notify trigger
-- of V16 may be skipped, the poll stands in for it; nothing stands in for this one)
alter table outbox enable always trigger outbox_enqueue;

create table outbox_relay_log (
    id             bigserial   primary key,
    sent_at        timestamptz not null default now(),
    events         integer     not null,
    first_position bigint      not null,
    last_position  bigint      not null
);
create index outbox_relay_log_sent_at on outbox_relay_log (sent_at);

drop index outbox_unsent;
alter table outbox drop column sent_at;
