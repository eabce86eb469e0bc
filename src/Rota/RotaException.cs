namespace Rota;

/// <summary>
/// An error with a stable machine-readable <see cref="Code"/> (for example <c>cron.invalid_field</c>)
/// and a message that starts with the area and names the offending input.
/// </summary>
public class RotaException : Exception
{
    public RotaException(string code, string message, bool isTransient = false, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
        IsTransient = isTransient;
    }

    /// <summary>Stable error code, <c>area.reason</c>.</summary>
    public string Code { get; }

    /// <summary>True when retrying the same operation later may succeed.</summary>
    public bool IsTransient { get; }
}
