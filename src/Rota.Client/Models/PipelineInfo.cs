using System.Text.Json.Nodes;

namespace Rota.Client.Models;

/// <summary>A pipeline: steps in order, the graph's edges (<c>to</c> waits for <c>from</c>), schedules.</summary>
public sealed record PipelineInfo(
    long Id, string Name, string? Description, string? Owner, bool Enabled, string? PausedReason, int Version,
    IReadOnlyList<PipelineStepInfo> Steps, IReadOnlyList<PipelineEdgeInfo> Edges, IReadOnlyList<ScheduleInfo> Schedules,
    DateTimeOffset? NextFireAt, DateTimeOffset? LastRunAt, string? LastStatus);

/// <summary>One step; <see cref="Task"/> is the task its runs belong to, <see cref="After"/> the steps it waits for.</summary>
public sealed record PipelineStepInfo(int Number, string Name, string Task, string? Handler, JsonObject Parameters, double? TimeoutSeconds,
    int? MaxAttempts, bool ContinueOnFailure, IReadOnlyList<string> After, string? When);

public sealed record PipelineEdgeInfo(string From, string To);

/// <summary><c>GET /api/v1/pipelines</c>.</summary>
public sealed record PipelineList(IReadOnlyList<PipelineInfo> Pipelines, int Count);

/// <summary><c>GET /api/v1/pipelines/{name}/runs</c>: pipeline runs, newest first, each with its step runs.</summary>
public sealed record PipelineRunPage(IReadOnlyList<RunDetail> Runs, string? NextCursor);

/// <summary>Body of <c>POST /api/v1/pipelines/{name}/run</c>: one step (name or 1-based number) or all, and parameters merged over every step's.</summary>
public sealed record PipelineRunRequest(string? Step = null, JsonObject? Parameters = null);
