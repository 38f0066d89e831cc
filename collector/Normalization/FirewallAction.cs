namespace NetOps.Collector.Normalization;

/// <summary>The <c>firewall.action</c> tag.</summary>
public enum FirewallAction : byte { Permit, Deny }
