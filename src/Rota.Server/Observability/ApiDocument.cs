using System.Reflection;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace Rota.Server.Observability;

/// <summary>Shapes the generated OpenAPI 3.1 document (committed as docs/openapi.json and checked by a test): title and
/// version, no servers (the document must be identical whatever address the server listens on), the bearer scheme on
/// every <c>/api/v1</c> operation, and the problem+json error responses the API really returns.</summary>
public static class ApiDocument
{
    public const string Title = "Rota API";
    public const string BearerScheme = "bearer";
    private const string ProblemSchema = "Problem";
    private const string ProblemJson = "application/problem+json";

    /// <summary>Rota's assembly version, major.minor.patch (never the informational version: its commit hash would make the
    /// committed document stale on every commit).</summary>
    public static string Version => typeof(RotaEngine).Assembly.GetName().Version is { } v ? $"{v.Major}.{v.Minor}.{v.Build}" : "0.0.0";

    public static void Configure(OpenApiOptions options)
    {
        options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = Title,
                Version = Version,
                Description = "Rota's HTTP API: tasks, runs, queues, nodes, users, tokens, audit, cron, live events. " +
                    "Send 'Authorization: Bearer <token>' on every /api/v1 request; errors are RFC 9457 problem+json with a stable code.",
            };
            document.Servers = [];
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API token (rota token create, or the one printed at first start).",
            };
            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            document.Components.Schemas[ProblemSchema] = Problem();
            document.Components.Responses ??= new Dictionary<string, IOpenApiResponse>();
            foreach (var (name, (_, description)) in Responses)
                document.Components.Responses[name] = ProblemResponse(document, description, withRetryAfter: name == "TooManyRequests");
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.RelativePath?.StartsWith("api/v1", StringComparison.Ordinal) != true) return Task.CompletedTask;
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] }];
            var method = context.Description.HttpMethod ?? "GET";
            var hasRouteValues = context.Description.RelativePath.Contains('{', StringComparison.Ordinal);
            var writes = method is "POST" or "PUT" or "PATCH";
            var limited = context.Description.ActionDescriptor.EndpointMetadata.OfType<EnableRateLimitingAttribute>().Any();
            operation.Responses ??= [];
            foreach (var (name, (status, _)) in Responses)
            {
                var applies = status switch
                {
                    "400" or "422" => writes || method == "GET",
                    "404" => hasRouteValues,
                    "409" => writes,
                    "413" => writes,
                    "429" => limited,
                    _ => true,
                };
                if (applies) operation.Responses.TryAdd(status, new OpenApiResponseReference(name, context.Document));
            }
            return Task.CompletedTask;
        });
    }

    // Name in components.responses → (status, description). Order is the document's order.
    private static readonly (string Name, (string Status, string Description) Value)[] Responses =
    [
        ("BadRequest", ("400", "Malformed request: unreadable JSON, a wrong type or a bad query parameter (code request.malformed; field names it).")),
        ("Unauthorized", ("401", "No bearer token, or an unknown, expired or revoked one.")),
        ("Forbidden", ("403", "The token is valid but the caller may not do this (admin-only, or another user's data).")),
        ("NotFound", ("404", "No such resource visible to the caller.")),
        ("Conflict", ("409", "The change conflicts with the current state (already exists, already running).")),
        ("ContentTooLarge", ("413", "The request body is larger than the server accepts.")),
        ("UnprocessableContent", ("422", "A field is well-formed but invalid (code request.invalid_field; errors lists every violation).")),
        ("TooManyRequests", ("429", "Rate limited; retry after the Retry-After header's seconds.")),
    ];

    private static OpenApiResponse ProblemResponse(OpenApiDocument document, string description, bool withRetryAfter)
    {
        var response = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { [ProblemJson] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, document) } },
        };
        if (withRetryAfter)
            response.Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader { Description = "Seconds to wait before retrying.", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } },
            };
        return response;
    }

    /// <summary>The RFC 9457 document ProblemWriter writes.</summary>
    private static OpenApiSchema Problem()
    {
        static OpenApiSchema S(JsonSchemaType type, string description) => new() { Type = type, Description = description };
        var nullableString = JsonSchemaType.String | JsonSchemaType.Null;
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "RFC 9457 problem details with Rota's stable error code.",
            Required = new HashSet<string> { "type", "title", "status", "detail", "code" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = S(JsonSchemaType.String, "URI naming the problem type (https://rota.dev/problems/<code>)."),
                ["title"] = S(JsonSchemaType.String, "The HTTP status text."),
                ["status"] = S(JsonSchemaType.Integer, "The HTTP status code."),
                ["detail"] = S(JsonSchemaType.String, "What went wrong, starting with the area and naming the offending input."),
                ["code"] = S(JsonSchemaType.String, "Stable machine-readable code, e.g. task.not_found, request.invalid_field."),
                ["field"] = S(nullableString, "The offending field or parameter, when one is to blame."),
                ["value"] = S(nullableString, "The offending value, when one is to blame."),
                ["instance"] = S(JsonSchemaType.String, "The request path."),
                ["errors"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Array,
                    Description = "Every violation, when validation found several.",
                    Items = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["field"] = S(JsonSchemaType.String, "The offending field."),
                            ["value"] = S(nullableString, "The offending value."),
                            ["message"] = S(JsonSchemaType.String, "What is wrong with it."),
                        },
                    },
                },
            },
        };
    }
}
