-- Wakes the outbox relay when events are committed: one notification on channel zoning_outbox per inserting
-- statement, delivered by PostgreSQL only when the transaction commits (and folded into one per transaction, since
-- the payload is always the same). The notification carries nothing the relay trusts; it only starts a round at once
-- instead of at the next poll, which stays the fallback for a lost notification or a dropped listening session.
create function outbox_notify() returns trigger
    language plpgsql
as
$$
begin
    perform pg_notify('zoning_outbox', '');
    return null;
end
$$;

create trigger outbox_notify
    after insert
    on outbox
    for each statement
execute function outbox_notify();
