namespace NetOps.Collector.Normalization;

/// <summary>What <see cref="SyslogNormalizer.Normalize"/> made of one record.</summary>
/// <param name="Message">The normalised message; never null.</param>
/// <param name="Recognised">
/// True when a vendor normaliser recognised the line; false when it fell back to the generic event, which the
/// pipeline counts as outcome <c>unknown</c> (<c>netops_syslog_messages_total</c>).
/// </param>
/// <param name="Faulted">
/// A vendor normaliser threw on this line (a bug, never expected): the line was still stored as a generic
/// event, and <see cref="FaultedNormalizer"/> names the culprit so the pipeline can log a sample.
/// </param>
/// <param name="FaultedNormalizer">The vendor whose normaliser threw, or null.</param>
public readonly record struct NormalizationResult(NormalizedMessage Message, bool Recognised, bool Faulted = false, string? FaultedNormalizer = null);
