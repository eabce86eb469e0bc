namespace Rota.Server.Tests;

/// <summary>Who a test request is sent as: the three users, no token, and three tokens that must be refused.</summary>
public enum Identity { Anonymous, Alice, Bob, Admin, Expired, Revoked, Garbage }
