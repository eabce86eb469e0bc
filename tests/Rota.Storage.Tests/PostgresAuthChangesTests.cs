using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Rota.Storage.Postgres;

namespace Rota.Storage.Tests;

/// <summary>Migration 9's triggers: which token and user changes are announced on <c>rota_auth</c> (payload: the
/// schema), whoever makes them, and the store's listener that hears only its own schema.</summary>
public sealed class PostgresAuthChangesTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-03-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Every payload on <c>rota_auth</c> until the marker <paramref name="marker"/> (sent last, so delivered last:
    /// notifications arrive in commit order).</summary>
    private static async Task<List<string>> ReceivedUntilMarkerAsync(NpgsqlConnection listener, NpgsqlConnection sender, string marker)
    {
        var received = new List<string>();
        listener.Notification += (_, e) => received.Add(e.Payload);
        await using (var notify = new NpgsqlCommand("SELECT pg_notify('rota_auth', @m)", sender) { Parameters = { new NpgsqlParameter("m", marker) } })
            await notify.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!received.Contains(marker)) await listener.WaitAsync(cts.Token);
        received.Remove(marker);
        return received;
    }

    [Fact]
    public async Task Triggers_AnnounceRevocationsAndUserChanges_NotCreatesTouchesOrNoOps()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await TestPostgres.CreateAsync();
        await using var listener = await db.ConnectAsync();
        await using (var listen = new NpgsqlCommand("LISTEN rota_auth", listener)) await listen.ExecuteNonQueryAsync(ct);
        await using var sql = await db.ConnectAsync();
        // Another store instance with notifications off, like `rota token revoke --db` behind PgBouncer: the triggers
        // announce regardless of the writer.
        await using var writer = await PostgresStore.OpenAsync(db.ConnectionString, db.Schema, notifications: false, ct);

        var user = await writer.UserCreate(new UserCreateParams("alice", UserRow.UserRole, null, Now), ct);
        var token = await writer.TokenCreate(new TokenCreateParams(user.Id, "t", "rota_abc", "hash-1", null, Now), ct);
        await writer.TokenTouch(new TokenTouchParams(token, Now.AddMinutes(1)), ct);
        Assert.Empty(await ReceivedUntilMarkerAsync(listener, sql, "marker-1"));

        Assert.True(await writer.TokenRevoke(new TokenRevokeParams(token, null, Now), ct));
        Assert.Equal([db.Schema], await ReceivedUntilMarkerAsync(listener, sql, "marker-2"));

        // Revoking again keeps the first time: nothing changed, nothing announced.
        await writer.TokenRevoke(new TokenRevokeParams(token, null, Now.AddMinutes(2)), ct);
        Assert.Empty(await ReceivedUntilMarkerAsync(listener, sql, "marker-3"));

        await writer.UserUpdate(new UserUpdateParams(user.Id, null, null, Disabled: true, Now), ct);
        Assert.Equal([db.Schema], await ReceivedUntilMarkerAsync(listener, sql, "marker-4"));

        // Manual SQL: a token deleted, then the user (cascading to the rest of its tokens), in one transaction: one
        // notification (equal payloads of a transaction fold).
        await writer.TokenCreate(new TokenCreateParams(user.Id, "u", "rota_def", "hash-2", null, Now), ct);
        await using (var delete = new NpgsqlCommand("BEGIN; DELETE FROM rota_tokens WHERE id = @id; DELETE FROM rota_users; COMMIT;", sql)
        { Parameters = { new NpgsqlParameter("id", token) } })
            await delete.ExecuteNonQueryAsync(ct);
        Assert.Equal([db.Schema], await ReceivedUntilMarkerAsync(listener, sql, "marker-5"));
    }

    [Fact]
    public async Task Listen_CallsBackOnConnect_OnAChange_AndStopsListeningWhenCancelled()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await TestPostgres.CreateAsync();
        var calls = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var listening = db.Store.AuthChangesListen(() => Interlocked.Increment(ref calls), NullLogger.Instance, stop.Token);
        await UntilAsync(() => db.Store.IsListeningForAuthChanges, "the auth-changes listener did not come up");
        Assert.Equal(1, Volatile.Read(ref calls)); // connected: whatever was remembered before counts no more

        var user = await db.Store.UserCreate(new UserCreateParams("alice", UserRow.UserRole, null, Now), ct);
        await db.Store.UserUpdate(new UserUpdateParams(user.Id, UserRow.AdminRole, null, null, Now), ct);
        await UntilAsync(() => Volatile.Read(ref calls) >= 2, "the change was not heard");

        await stop.CancelAsync();
        await listening;
        Assert.False(db.Store.IsListeningForAuthChanges);
    }

    [Fact]
    public async Task NotificationsOff_DoesNotListen()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await TestPostgres.CreateAsync();
        await using var store = await PostgresStore.OpenAsync(db.ConnectionString, db.Schema, notifications: false, ct);
        Assert.False(store.AuthChangesAnnounced);
        var calls = 0;
        await store.AuthChangesListen(() => calls++, NullLogger.Instance, ct);
        Assert.Equal(0, calls);
        Assert.False(store.IsListeningForAuthChanges);
    }

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        var sw = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(sw.Elapsed < TimeSpan.FromSeconds(10), what);
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }
}
