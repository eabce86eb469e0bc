using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Rota.Alerts;
using Rota.Configuration;
using Rota.Server.Auth;
using Rota.Server.Problems;
using Rota.Storage;

namespace Rota.Server.Endpoints;

/// <summary>
/// <c>/api/v1/alerts</c> (admins only: channels name mail servers and webhook URLs): the alert configuration with
/// each rule's current state, replacing it, the delivery log, and a test-send through one channel.
/// </summary>
public static class AlertEndpoints
{
    private static readonly string[] Statuses = [AlertDeliveryValues.Pending, AlertDeliveryValues.Sent, AlertDeliveryValues.Failed];

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/alerts").WithTags("Alerts");
        g.MapGet("", List).WithName("ListAlerts");
        g.MapPut("", Replace).WithName("ReplaceAlerts");
        g.MapGet("/deliveries", Deliveries).WithName("ListAlertDeliveries");
        g.MapPost("/channels/{name}/test", Test).WithName("TestAlertChannel");
    }

    private static async Task<IResult> List(HttpContext http, IRotaStore store)
    {
        http.Caller().RequireAdmin("alerts");
        return Results.Json(await ViewAsync(store, http.RequestAborted));
    }

    private static async Task<IResult> Replace(HttpContext http, IRotaStore store, TimeProvider time, Auditor audit, Alerter alerter)
    {
        http.Caller().RequireAdmin("alerts");
        var body = await JsonBody.ReadAsync(http);
        var config = ConfigLoader.ParseAlerts(body.Text, "request body");
        await store.AlertConfigSet(new AlertConfigSetParams(AlertConfigJson.Serialize(config), time.GetUtcNow()), http.RequestAborted);
        await audit.RecordAsync(http, "alerts.update", "alerts", new JsonObject { ["rules"] = config.Rules.Count, ["channels"] = config.Channels.Count });
        await alerter.ReloadAsync(http.RequestAborted);
        return Results.Json(await ViewAsync(store, http.RequestAborted));
    }

    private static async Task<IResult> Deliveries(HttpContext http, IRotaStore store)
    {
        http.Caller().RequireAdmin("alert deliveries");
        var status = Query.String(http.Request, "status");
        if (status is not null && !Statuses.Contains(status))
            throw ApiProblem.Invalid("status", status, "must be pending, sent or failed");
        var rows = await store.AlertDeliveryList(new AlertDeliveryListParams(Query.String(http.Request, "rule"), Query.String(http.Request, "channel"), status,
            Query.Int(http.Request, "limit", 50, 1, 1000)), http.RequestAborted);
        return Results.Ok(new { deliveries = rows });
    }

    private static async Task<IResult> Test(string name, HttpContext http, Alerter alerter, Auditor audit)
    {
        http.Caller().RequireAdmin("alert channels");
        var delivery = await alerter.TestChannelAsync(name, http.RequestAborted);
        await audit.RecordAsync(http, "alerts.test", "alert_channel:" + name, new JsonObject { ["status"] = delivery.Status });
        return Results.Ok(delivery);
    }

    /// <summary>Channels (secrets redacted) and rules in the configuration's shape, each rule with its subjects' states.</summary>
    private static async Task<JsonObject> ViewAsync(IRotaStore store, CancellationToken ct)
    {
        var row = await store.AlertConfigGet(ct);
        var config = row is null ? AlertConfig.Empty : ConfigLoader.ParseAlerts(row.Document, "stored alert configuration");
        var json = AlertConfigJson.ToJson(config.Redacted());
        var states = await store.AlertStateList(new AlertStateListParams(Limit: 10_000), ct);
        foreach (var rule in json["rules"]!.AsArray().OfType<JsonObject>())
        {
            var name = (string)rule["name"]!;
            rule["states"] = new JsonArray([.. states.Where(s => s.Rule == name).Select(s => (JsonNode)new JsonObject
            {
                ["subject_key"] = s.SubjectKey, ["status"] = s.Status, ["since"] = s.Since, ["last_sent_at"] = s.LastSentAt, ["count"] = s.Count,
            })]);
            rule["firing"] = states.Count(s => s.Rule == name && s.Status == AlertStateStatus.Firing);
        }
        json["updated_at"] = row?.UpdatedAt;
        return json;
    }
}
