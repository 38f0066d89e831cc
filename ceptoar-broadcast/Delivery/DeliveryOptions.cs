using System.ComponentModel.DataAnnotations;

namespace NetOps.Ceptoar.Delivery;

/// <summary><c>Ceptoar:Delivery</c>: how the outbox is sent.</summary>
public sealed class DeliveryOptions
{
    public const string Section = "Ceptoar:Delivery";

    /// <summary><c>Ceptoar:Delivery:Connections</c>: SMTP connections used at once.</summary>
    [Range(1, 64)] public int Connections { get; set; } = 4;

    /// <summary>
    /// <c>Ceptoar:Delivery:MessagesPerSecond</c>: the send rate over all connections (0: as fast as the server takes them).
    /// 500 by default (200 until the sent-marks were group-committed): 1,788 bodies in some 3.6 s at most, which an
    /// MTA on the LGWAN side takes easily; lower it for a relay that throttles.
    /// </summary>
    [Range(0, 100_000)] public double MessagesPerSecond { get; set; } = 500;

    /// <summary><c>Ceptoar:Delivery:BatchSize</c>: rows claimed at once (fewer when the rate would not send them within half the lease).</summary>
    [Range(1, 10_000)] public int BatchSize { get; set; } = 200;

    /// <summary>
    /// <c>Ceptoar:Delivery:MarkBatchSize</c>: the most sent-marks committed in one statement, and the most waiting for it
    /// (<see cref="SentMarks"/>). It bounds the mails a crash could send twice: 2 × this + <see cref="Connections"/>.
    /// </summary>
    [Range(1, 1000)] public int MarkBatchSize { get; set; } = 50;

    /// <summary><c>Ceptoar:Delivery:LeaseSeconds</c>: how long a claim holds its rows; a lost node's rows are taken over after it.</summary>
    [Range(2, 3600)] public int LeaseSeconds { get; set; } = 60;

    /// <summary><c>Ceptoar:Delivery:PollMilliseconds</c>: how often an idle sender looks for due rows.</summary>
    [Range(50, 60_000)] public int PollMilliseconds { get; set; } = 1000;

    /// <summary><c>Ceptoar:Delivery:MaxAttempts</c>: tries before a recipient that only ever gets 4xx or timeouts is failed.</summary>
    [Range(1, 1000)] public int MaxAttempts { get; set; } = 12;

    /// <summary><c>Ceptoar:Delivery:RetryInitialSeconds</c>: the wait after the first 4xx or timeout; doubled each time.</summary>
    [Range(0.01, 86_400)] public double RetryInitialSeconds { get; set; } = 30;

    /// <summary><c>Ceptoar:Delivery:RetryMaxSeconds</c>: the longest wait between two tries.</summary>
    [Range(0.01, 86_400)] public double RetryMaxSeconds { get; set; } = 3600;

    /// <summary><c>Ceptoar:Delivery:TimeoutSeconds</c>: the SMTP client's timeout for connecting and each command.</summary>
    [Range(1, 600)] public int TimeoutSeconds { get; set; } = 30;

    /// <summary><c>Ceptoar:Delivery:LinkDays</c>: how long an acknowledgement link stays valid.</summary>
    [Range(1, 3650)] public int LinkDays { get; set; } = 30;

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);
    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);
}
