namespace Rota.TestSupport;

/// <summary>How a <see cref="SmtpTestServer"/> talks: <c>plain</c>, <c>starttls</c> (required before anything else) or
/// <c>ssl</c> (implicit TLS); with <see cref="User"/> set, AUTH is required and accepts only that user and password.</summary>
public sealed record SmtpTestOptions
{
    public string Mode { get; init; } = "plain";
    public TestCertificate? Certificate { get; init; }
    public string? User { get; init; }
    public string? Password { get; init; }
}
