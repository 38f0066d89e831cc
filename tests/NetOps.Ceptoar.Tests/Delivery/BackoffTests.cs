using Microsoft.Extensions.Time.Testing;
using NetOps.Ceptoar.Delivery;
using NetOps.Core.Mail;

namespace NetOps.Ceptoar.Tests.Delivery;

public sealed class BackoffTests
{
    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(7, 1920)]
    [InlineData(8, 3600)]
    [InlineData(1000, 3600)]
    public void The_wait_doubles_from_the_initial_up_to_the_cap(int attempts, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Backoff.After(attempts, TimeSpan.FromSeconds(30), TimeSpan.FromHours(1)));

    [Fact]
    public void The_pacer_spaces_sends_at_the_rate_without_banking_idle_time()
    {
        var time = new FakeTimeProvider();
        var pacer = new Pacer(100, time);
        Assert.Equal(TimeSpan.Zero, pacer.Reserve());
        Assert.Equal(TimeSpan.FromMilliseconds(10), pacer.Reserve());
        Assert.Equal(TimeSpan.FromMilliseconds(20), pacer.Reserve());
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(TimeSpan.Zero, pacer.Reserve());
        Assert.Equal(TimeSpan.FromMilliseconds(10), pacer.Reserve());
    }
}
