using System.Net;
using NetOps.Collector.Capture;
using PacketDotNet;

namespace NetOps.Collector.Tests.Capture;

/// <summary>
/// The hand-written dissector against an independent decoder, PacketDotNet, on every frame of the control-plane
/// captures: where PacketDotNet knows the layer (Ethernet, 802.1Q, IPv4, IPv6, UDP, TCP, the OSPFv2 hello), both must
/// read the same VLAN, addresses, protocol, ports, payload and hello fields. PacketDotNet knows neither VRRP, HSRP, BGP,
/// OSPFv3 nor MPLS; for those only the framing is compared.
/// </summary>
public sealed class PacketDotNetCrossCheckTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("vrrp/vrrp.pcap")]
    [InlineData("vrrp/vrrp3-ipv6-vlan.pcapng")]
    [InlineData("hsrp/HSRP_coup.pcap")]
    [InlineData("hsrp/HSRP_election.pcap")]
    [InlineData("hsrp/HSRP_failover.pcap")]
    [InlineData("hsrp/hsrp2-ipv6-vlan.pcapng")]
    [InlineData("ospf/OSPFv2_Capture_FINAL.pcapng")]
    [InlineData("ospf/ospfv2.pcap")]
    [InlineData("ospf/ospfv2_md5.pcap")]
    [InlineData("bgp/bgp-4byte-asn.pcap")]
    [InlineData("bgp/bgp-cease-hard-reset.pcap")]
    [InlineData("bgp/bgp-role.pcapng")]
    public async Task The_dissector_reads_what_packetdotnet_reads(string file)
    {
        using var reader = await CaptureFileReader.OpenAsync(CaptureRun.Pcap(file), Ct);
        int frames = 0, compared = 0, hellos = 0;
        while (await reader.MoveNextAsync(Ct))
        {
            frames++;
            Assert.True(reader.LinkType is LinkTypes.Ethernet or LinkTypes.LinuxSll, $"{file}: link type {reader.LinkType}");
            var bytes = reader.Data.ToArray();
            var outcome = PacketDissector.Dissect(bytes, reader.LinkType, out var info);
            var theirs = Packet.ParsePacket((LinkLayers)reader.LinkType, bytes); // LinkLayers are the DLT numbers
            var ip = theirs.Extract<IPPacket>();
            if (ip is null) { Assert.Equal(0, info.IpVersion); continue; }

            string at = $"{file} frame {frames}";
            Assert.True(outcome == PacketOutcome.Dissected, $"{at}: {outcome}");
            Assert.Equal(ip.Version == IPVersion.IPv4 ? 4 : 6, info.IpVersion);
            Assert.Equal(ip.SourceAddress, new IPAddress(bytes.AsSpan(info.SourceOffset, info.AddressLength)));
            Assert.Equal(ip.DestinationAddress, new IPAddress(bytes.AsSpan(info.DestinationOffset, info.AddressLength)));
            Assert.Equal((byte)ip.Protocol, info.Protocol);
            Assert.Equal(theirs.Extract<Ieee8021QPacket>() is { } tag ? tag.VlanIdentifier : -1, info.Vlan);
            var payload = bytes.AsSpan(info.PayloadOffset, info.PayloadLength);
            switch (ip.PayloadPacket)
            {
                case UdpPacket udp:
                    Assert.Equal((udp.SourcePort, udp.DestinationPort), (info.SourcePort, info.DestinationPort));
                    Assert.True(payload.SequenceEqual(udp.PayloadData), $"{at}: UDP payload");
                    break;
                case TcpPacket tcp:
                    Assert.Equal((tcp.SourcePort, tcp.DestinationPort), (info.SourcePort, info.DestinationPort));
                    Assert.Equal(tcp.Flags & 0xFF, info.TcpFlags);
                    Assert.True(payload.SequenceEqual(tcp.PayloadData ?? []), $"{at}: TCP payload");
                    break;
                case OspfV2HelloPacket hello:
                    Assert.True(OspfParser.TryParseHello(payload, out var ours, out var type), at);
                    Assert.Equal(OspfParser.HelloType, type);
                    Assert.Equal(hello.HelloInterval, ours.HelloIntervalSeconds);
                    Assert.Equal((long)hello.RouterDeadInterval, ours.DeadIntervalSeconds);
                    Assert.Equal(hello.RouterId.ToString(), OspfTracker.Id(ours.RouterId));
                    Assert.Equal(hello.AreaId.ToString(), OspfTracker.Id(ours.AreaId));
                    Assert.Equal(hello.DesignatedRouterId.ToString(), OspfTracker.Id(ours.DesignatedRouter));
                    Assert.Equal(hello.NeighborIds.Count, ours.NeighbourCount);
                    hellos++;
                    break;
                default:
                    // VRRP and HSRP are unknown to PacketDotNet (raw payload); other OSPFv2 packets are parsed, and it
                    // lets them run past the IP total length into the Ethernet trailer (OSPFv2_Capture_FINAL frame 3: 88 B
                    // for an 84 B IP payload). The dissector stops at the IP length, which PacketDotNet reads the same.
                    var theirsPayload = ip.PayloadData ?? ip.PayloadPacket?.Bytes ?? [];
                    Assert.Equal(ip.PayloadLength, payload.Length);
                    Assert.True(theirsPayload.AsSpan().StartsWith(payload), $"{at}: IP payload");
                    break;
            }
            compared++;
        }
        Assert.True(compared > 0, $"{file}: no IP frame compared");
        if (file.StartsWith("ospf/", StringComparison.Ordinal)) Assert.True(hellos > 0, $"{file}: no OSPFv2 hello compared");
    }
}
