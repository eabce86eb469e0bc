-- name: UserCreate
INSERT INTO rota_users (name, role, password_hash, created_at) VALUES (@name, @role, @password_hash, @now)
RETURNING id, name, role, password_hash, created_at, disabled_at;

-- name: UserGet
SELECT id, name, role, password_hash, created_at, disabled_at FROM rota_users WHERE name = @name;

-- name: UserGetById
SELECT id, name, role, password_hash, created_at, disabled_at FROM rota_users WHERE id = @id;

-- name: UserList
SELECT id, name, role, password_hash, created_at, disabled_at FROM rota_users ORDER BY name;

-- name: UserCount
SELECT count(*) FROM rota_users;

-- name: UserUpdate
UPDATE rota_users SET
    role = COALESCE(@role::text, role),
    password_hash = COALESCE(@password_hash::text, password_hash),
    disabled_at = CASE WHEN @disabled::boolean IS NULL THEN disabled_at WHEN @disabled::boolean THEN COALESCE(disabled_at, @now) ELSE NULL END
WHERE id = @id
RETURNING id, name, role, password_hash, created_at, disabled_at;
