-- name: TokenCreate
INSERT INTO rota_tokens (user_id, name, prefix, hash, created_at, expires_at) VALUES (@user_id, @name, @prefix, @hash, @now, @expires_at)
RETURNING id;

-- name: TokenFind
SELECT t.id, t.user_id, u.name AS user_name, t.name, t.prefix, t.created_at, t.expires_at, t.last_used_at, t.revoked_at,
       u.role, u.password_hash, u.created_at AS user_created_at, u.disabled_at
FROM rota_tokens t JOIN rota_users u ON u.id = t.user_id WHERE t.hash = @hash;

-- name: TokenGet
SELECT t.id, t.user_id, u.name AS user_name, t.name, t.prefix, t.created_at, t.expires_at, t.last_used_at, t.revoked_at
FROM rota_tokens t JOIN rota_users u ON u.id = t.user_id WHERE t.id = @id;

-- name: TokenList
SELECT t.id, t.user_id, u.name AS user_name, t.name, t.prefix, t.created_at, t.expires_at, t.last_used_at, t.revoked_at
FROM rota_tokens t JOIN rota_users u ON u.id = t.user_id
WHERE (@user_id::bigint IS NULL OR t.user_id = @user_id)
ORDER BY t.id;

-- name: TokenRevoke
UPDATE rota_tokens SET revoked_at = COALESCE(revoked_at, @now)
WHERE id = @id AND (@user_id::bigint IS NULL OR user_id = @user_id);

-- name: TokenTouch
UPDATE rota_tokens SET last_used_at = @now WHERE id = @id;
