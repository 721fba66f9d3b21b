-- Outbox rows the broker refused for good (a record too large, an ACL refusal, a topic that is gone). The row stays
-- unsent in the outbox; while its dead letter is open (not replayed), the relay holds back every later row of the same
-- key, so per-key order is kept, and relays the other keys. A replay reopens the key: the row and its successors are
-- sent again, in order.
create table outbox_dead_letter (
    id            bigserial   primary key,
    outbox_id     uuid        not null references outbox (id),
    aggregatetype text        not null,
    aggregateid   text        not null,
    topic         text,
    type          text        not null,
    reason        text        not null,
    failed_at     timestamptz not null default now(),
    replayed_at   timestamptz
);
create index outbox_dead_letter_open on outbox_dead_letter (aggregatetype, aggregateid) where replayed_at is null;
