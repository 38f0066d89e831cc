using NetOps.Ceptoar.Advisories;

namespace NetOps.Ceptoar.Delivery;

/// <summary>How many recipients an advisory has, how many the SMTP server accepted or refused, how many wait, how many confirmed.</summary>
public sealed record DeliveryCounts(int Total, int Sent, int Failed, int Pending, int Acknowledged);

/// <summary>The counts of one prefecture (its 2-digit code and name): the prefecture itself and its municipalities.</summary>
public sealed record PrefectureDeliveries(string Prefecture, string Name, DeliveryCounts Counts);

/// <summary>A recipient refused for good, with the server's reply.</summary>
public sealed record DeliveryFailure(string Code, string Address, int Attempts, string Error);

/// <summary><c>GET /api/v1/advisories/{id}/deliveries</c>.</summary>
public sealed record DeliveryReport(long AdvisoryId, AdvisoryState State, DeliveryCounts Counts, IReadOnlyList<PrefectureDeliveries> Prefectures, IReadOnlyList<DeliveryFailure> Failures);
