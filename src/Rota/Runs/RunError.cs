namespace Rota.Runs;

/// <summary>Why an attempt failed: a stable code or exception type, a message, optional details, and whether retrying may help.</summary>
public sealed record RunError(string Type, string Message, string? Details = null, bool IsTransient = true)
{
    public static RunError FromException(Exception ex) => ex switch
    {
        RotaException r => new RunError(r.Code, r.Message, ex.ToString(), r.IsTransient),
        _ => new RunError(ex.GetType().Name, ex.Message, ex.ToString(), IsTransient: true),
    };
}
