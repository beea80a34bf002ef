-- Events addressed to particular users (a message, its acknowledgement): only they, and the roles that
-- oversee such resources within their scope, receive them on the live channel. NULL = not addressed.
ALTER TABLE outbox ADD COLUMN user_ids text[];
