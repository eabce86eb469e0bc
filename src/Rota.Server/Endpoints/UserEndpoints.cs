using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Rota.Server.Auth;
using Rota.Server.Problems;
using Rota.Server.Views;
using Rota.Storage;

namespace Rota.Server.Endpoints;

/// <summary><c>/api/v1/users</c>: admins create, list, promote and disable users; anyone reads <c>/users/me</c>.</summary>
public static partial class UserEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/users").WithTags("Users");
        // The user can be deleted between authentication (possibly from the token cache) and this read: the token then
        // belongs to no one, which is the 401 the next request gets anyway.
        g.MapGet("/me", async (HttpContext http, IRotaStore store) =>
            await store.UserGetById(http.Caller().UserId, http.RequestAborted) is { } user
                ? Results.Ok(UserView.From(user))
                : throw new ApiProblem(401, "auth.invalid_token", "auth: the token is not valid")).WithName("GetMe");
        g.MapGet("", async (HttpContext http, IRotaStore store) =>
        {
            http.Caller().RequireAdmin("listing users");
            return Results.Ok(new { users = (await store.UserList(http.RequestAborted)).Select(UserView.From) });
        }).WithName("ListUsers");
        g.MapPost("", Create).WithName("CreateUser");
        g.MapPatch("/{id:long}", Update).WithName("UpdateUser");
    }

    private static async Task<IResult> Create(HttpContext http, UserAccounts accounts, Auditor audit)
    {
        http.Caller().RequireAdmin("creating users");
        var body = (await JsonBody.ReadAsync(http)).Allow("name", "role", "password");
        var name = body.String("name", required: true, maxLength: 64)!;
        var role = Role(body.String("role", maxLength: 16) ?? UserRow.UserRole);
        var user = await accounts.CreateAsync(name, role, body.String("password", maxLength: 200), http.RequestAborted);
        await audit.RecordAsync(http, "user.create", "user:" + name, new JsonObject { ["role"] = role });
        return Results.Created($"/api/v1/users/{user.Id}", UserView.From(user));
    }

    private static async Task<IResult> Update(long id, HttpContext http, UserAccounts accounts, IRotaStore store, Auditor audit, TimeProvider time,
        TokenLookupCache tokens)
    {
        var caller = http.Caller();
        caller.RequireAdmin("changing users");
        var body = (await JsonBody.ReadAsync(http)).Allow("role", "disabled", "password");
        var role = body.String("role", maxLength: 16) is { } r ? Role(r) : null;
        var disabled = body.Bool("disabled");
        if (id == caller.UserId && (disabled == true || role == UserRow.UserRole))
            throw new ApiProblem(409, "user.self_lockout", "user: you cannot disable or demote yourself; ask another admin");
        var hash = body.String("password", maxLength: 200) is { } pw ? UserAccounts.HashPassword(UserAccounts.CheckPassword(pw)) : null;
        var user = await store.UserUpdate(new UserUpdateParams(id, role, hash, disabled, time.GetUtcNow()), http.RequestAborted)
            ?? throw ApiProblem.NotFound("user", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        tokens.Invalidate();
        await audit.RecordAsync(http, "user.update", "user:" + user.Name, new JsonObject { ["role"] = role, ["disabled"] = disabled, ["password_changed"] = hash is not null });
        return Results.Ok(UserView.From(user));
    }

    private static string Role(string role) => role is UserRow.AdminRole or UserRow.UserRole ? role
        : throw ApiProblem.Invalid("role", role, "expected 'admin' or 'user'");

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$")]
    internal static partial Regex NamePattern();
}
