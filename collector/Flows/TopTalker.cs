using System.Net;

namespace NetOps.Collector.Flows;

/// <summary>
/// One entry of a site's top-talker list for a window. <see cref="Bytes"/> is an upper bound that exceeds the true
/// count by at most <see cref="BytesError"/> (0 when the address was tracked for the whole window).
/// </summary>
public sealed record TopTalker(int Rank, IPAddress Address, TalkerRole Role, long Bytes, long Packets, long Flows, long BytesError);
