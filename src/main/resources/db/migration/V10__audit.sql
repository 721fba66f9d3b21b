-- The audit trail: every administrator action and every change attempted with a credential (who, what, target,
-- when, outcome, client address). Append-only: the triggers below refuse UPDATE, DELETE and TRUNCATE.
create table audit_event (
    id          bigserial   primary key,
    at          timestamptz not null default now(),
    actor       text        not null,              -- user name, credential username, or "anonymous"
    auth        text        not null,              -- ADMIN_BASIC, SESSION, API_KEY, BASIC, BEARER, NONE
    action      text        not null,              -- e.g. "POST /api/v1/admin/routes/{id}/stop"
    target      text,                              -- the path variables, e.g. "id=sync.inbox"
    outcome     int         not null,              -- the HTTP status answered
    client      text        not null,              -- the client's address
    detail      text
);
create index audit_event_at on audit_event (at desc);
create index audit_event_actor on audit_event (actor, at desc);

create function audit_event_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_event is append-only: % refused', tg_op;
end $$;

create trigger audit_event_no_update_delete before update or delete on audit_event
    for each row execute function audit_event_append_only();
create trigger audit_event_no_truncate before truncate on audit_event
    for each statement execute function audit_event_append_only();
