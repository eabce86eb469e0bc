using Rota.Scheduling;

namespace Rota.Tests.Scheduling;

public sealed class CronDescriberTests
{
    [Theory]
    [InlineData("0 2 * * *", "At 02:00, every day")]
    [InlineData("0 8,12,23 * * *", "At 08:00, 12:00 and 23:00, every day")]
    [InlineData("*/5 * * * *", "Every 5 minutes, every day")]
    [InlineData("* * * * * *", "Every second, every day")]
    [InlineData("*/10 * * * * *", "Every 10 seconds, every day")]
    [InlineData("* * * * *", "Every minute, every day")]
    [InlineData("0 * * * *", "Every hour, every day")]
    [InlineData("0 */6 * * *", "Every 6 hours, every day")]
    [InlineData("15 * * * *", "At minute 15 past every hour, every day")]
    [InlineData("0 9 * * 1-5", "At 09:00, Monday through Friday")]
    [InlineData("0 9 * * MON-FRI", "At 09:00, Monday through Friday")]
    [InlineData("0 0 1 * *", "At 00:00, on day 1 of the month")]
    [InlineData("0 0 L * *", "At 00:00, on the last day of the month")]
    [InlineData("0 0 15W * *", "At 00:00, on the weekday nearest day 15 of the month")]
    [InlineData("0 10 * * 5#3", "At 10:00, on the third Friday of the month")]
    [InlineData("0 10 * * 5L", "At 10:00, on the last Friday of the month")]
    [InlineData("30 4 1 JAN *", "At 04:30, on day 1 of the month, in January")]
    [InlineData("0 6 * * 0,6", "At 06:00, only on Sunday and Saturday")]
    [InlineData("@daily", "At 00:00, every day")]
    [InlineData("0 30 1 * * *", "At 01:30, every day")]
    public void Describe_CommonExpressions_ReadAsPlainEnglish(string cron, string expected) =>
        Assert.Equal(expected, CronDescriber.Describe(cron));

    [Fact]
    public void Describe_BadExpression_ThrowsTheCompilerError()
    {
        var ex = Assert.Throws<RotaException>(() => CronDescriber.Describe("0 25 * * *"));
        Assert.Equal("cron.invalid_field", ex.Code);
        Assert.Contains("hour", ex.Message);
    }
}
