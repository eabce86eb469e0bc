using System.Text.Json.Nodes;
using Rota.Storage;

namespace Rota.Storage.Tests;

public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task UserCreate_ThenGetByNameAndId_RoundTrips()
    {
        await using var store = await CreateStoreAsync();
        Assert.Equal(0, await store.UserCount());
        var ada = await store.UserCreate(new UserCreateParams("ada", UserRow.AdminRole, "kdf$hash", T0));
        var bob = await store.UserCreate(new UserCreateParams("bob", UserRow.UserRole, null, T0.AddSeconds(1)));
        Assert.Equal(new UserRow(ada.Id, "ada", "admin", "kdf$hash", T0, null), await store.UserGet("ada"));
        Assert.Equal(bob, await store.UserGetById(bob.Id));
        Assert.True(ada.IsAdmin);
        Assert.False(bob.IsAdmin);
        Assert.Equal(["ada", "bob"], (await store.UserList()).Select(u => u.Name));
        Assert.Equal(2, await store.UserCount());
        Assert.Null(await store.UserGet("nobody"));
    }

    [Fact]
    public async Task UserCreate_DuplicateName_FailsAndKeepsTheFirst()
    {
        await using var store = await CreateStoreAsync();
        await store.UserCreate(new UserCreateParams("ada", UserRow.AdminRole, null, T0));
        await Assert.ThrowsAnyAsync<Exception>(() => store.UserCreate(new UserCreateParams("ada", UserRow.UserRole, null, T0)));
        Assert.Equal("admin", (await store.UserGet("ada"))!.Role);
    }

    [Fact]
    public async Task UserUpdate_ChangesOnlyGivenFields_AndDisableKeepsFirstTime()
    {
        await using var store = await CreateStoreAsync();
        var u = await store.UserCreate(new UserCreateParams("ada", UserRow.UserRole, "h1", T0));
        var updated = await store.UserUpdate(new UserUpdateParams(u.Id, UserRow.AdminRole, null, null, T0));
        Assert.Equal(u with { Role = "admin" }, updated);
        await store.UserUpdate(new UserUpdateParams(u.Id, null, null, true, T0.AddSeconds(5)));
        var disabled = await store.UserUpdate(new UserUpdateParams(u.Id, null, "h2", true, T0.AddSeconds(9)));
        Assert.Equal(u with { Role = "admin", PasswordHash = "h2", DisabledAt = T0.AddSeconds(5) }, disabled);
        Assert.Null((await store.UserUpdate(new UserUpdateParams(u.Id, null, null, false, T0)))!.DisabledAt);
        Assert.Null(await store.UserUpdate(new UserUpdateParams(999, "admin", null, null, T0)));
    }

    [Fact]
    public async Task TokenCreate_FindByHash_ReturnsTokenAndUser_TouchAndRevokeRecordTimes()
    {
        await using var store = await CreateStoreAsync();
        var u = await store.UserCreate(new UserCreateParams("ada", UserRow.UserRole, null, T0));
        var id = await store.TokenCreate(new TokenCreateParams(u.Id, "laptop", "rota_ab", "HASH1", T0.AddDays(1), T0));
        var found = await store.TokenFind("HASH1");
        Assert.NotNull(found);
        Assert.Equal(new TokenRow(id, u.Id, "ada", "laptop", "rota_ab", T0, T0.AddDays(1), null, null), found.Token);
        Assert.Equal(u, found.User);
        Assert.Null(await store.TokenFind("OTHER"));
        await store.TokenTouch(new TokenTouchParams(id, T0.AddMinutes(3)));
        Assert.Equal(T0.AddMinutes(3), (await store.TokenGet(id))!.LastUsedAt);
        Assert.True(await store.TokenRevoke(new TokenRevokeParams(id, null, T0.AddMinutes(4))));
        Assert.True(await store.TokenRevoke(new TokenRevokeParams(id, null, T0.AddMinutes(9))));
        Assert.Equal(T0.AddMinutes(4), (await store.TokenFind("HASH1"))!.Token.RevokedAt);
    }

    [Fact]
    public async Task TokenRevoke_ScopedToAnotherUser_ChangesNothing()
    {
        await using var store = await CreateStoreAsync();
        var a = await store.UserCreate(new UserCreateParams("a", UserRow.UserRole, null, T0));
        var b = await store.UserCreate(new UserCreateParams("b", UserRow.UserRole, null, T0));
        var ta = await store.TokenCreate(new TokenCreateParams(a.Id, "t", "p", "HA", null, T0));
        await store.TokenCreate(new TokenCreateParams(b.Id, "t", "p", "HB", null, T0));
        Assert.False(await store.TokenRevoke(new TokenRevokeParams(ta, b.Id, T0)));
        Assert.Null((await store.TokenGet(ta))!.RevokedAt);
        Assert.Equal(["a"], (await store.TokenList(new TokenListParams(a.Id))).Select(t => t.UserName));
        Assert.Equal(2, (await store.TokenList(new TokenListParams(null))).Count);
    }

    [Fact]
    public async Task AuditAppend_ThenList_NewestFirstWithFiltersAndCursor()
    {
        await using var store = await CreateStoreAsync();
        await store.AuditAppend(new AuditAppendParams("ada", "task.toggle", "task:a", new JsonObject { ["enabled"] = false }, T0));
        await store.AuditAppend(new AuditAppendParams("bob", "task.run", "task:b", null, T0.AddSeconds(1)));
        await store.AuditAppend(new AuditAppendParams("ada", "task.run", "task:a", null, T0.AddSeconds(2)));
        var all = await store.AuditList(new AuditListParams());
        Assert.Equal(["task.run", "task.run", "task.toggle"], all.Select(a => a.Action));
        Assert.Equal(T0, all[2].At);
        Assert.Equal("{\"enabled\":false}", all[2].Detail!.ToJsonString());
        Assert.Equal(2, (await store.AuditList(new AuditListParams(Actor: "ada"))).Count);
        Assert.Single(await store.AuditList(new AuditListParams(Action: "task.toggle")));
        var page2 = await store.AuditList(new AuditListParams(BeforeId: all[0].Id, Limit: 1));
        Assert.Equal(all[1], Assert.Single(page2) with { Detail = all[1].Detail });
    }
}
