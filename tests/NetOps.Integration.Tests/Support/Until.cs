using System.Diagnostics;

namespace NetOps.Integration.Tests.Support;

/// <summary>Waiting for a real peer to get somewhere.</summary>
public static class Until
{
    /// <summary>Asks <paramref name="probe"/> every 500 ms until it returns something; fails after <paramref name="timeout"/>.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T?>> probe, TimeSpan timeout) where T : class
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (await probe() is { } found) return found;
            if (deadline.Elapsed > timeout) throw new Xunit.Sdk.XunitException($"not within {timeout}");
            await Task.Delay(500);
        }
    }
}
