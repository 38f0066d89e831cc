using BenchmarkDotNet.Running;
using NetOps.Bench.Capture;
using NetOps.Bench.Ingest;

// bench syslog ...  -> the end-to-end ingest harness (NetOps vs rsyslog, separate processes)
// bench flows ...   -> NetFlow v9 replay, NetOps vs nfcapd
// bench pcap ...    -> packets/s reading a pcap: NetOps vs tcpdump (copy and print) and tshark
// bench nab ...     -> the NAB anomaly benchmark: the NetOps model on 58 series, or --score a results folder
// bench analyzer ... -> one cycle of every window detector over 1,788 sites with a week of history; in-process failover latency
// bench ceptoar ... -> S/MIME signing per advisory mail, SignedCms vs the old BouncyCastle signer; mails/s into smtp-sink vs smtp-source
// bench alerting ... -> detection to page accepted by aiosmtpd through the real host (p50/p95/max), and the mails of a 1,000-detection burst
// bench broadcast ... -> a CEPTOAR broadcast to all 1,788 bodies through the real host into smtp-sink, time and mails/s beside smtp-source
// bench screen ... -> the NOC screen through the real host: server render of / and /municipalities, syslog line to colour on the map in Chromium (p50/p95), memory per open circuit
// bench snmp ... -> IF-MIB polls/s from snmpsim agents, NetOps' SnmpPoller beside snmpbulkwalk (CPU, snmpsim's CPU); memory per device with 5,000 configured
// bench micro ...   -> BenchmarkDotNet (micro ... or no verb: the switcher gets the rest)
if (args.Length > 0 && args[0] == "syslog") return await SyslogIngestHarness.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "pcap") return await PcapBenchHarness.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "nab") return NetOps.Bench.Nab.NabBenchHarness.Run(args[1..]);
if (args.Length > 0 && args[0] == "analyzer") return await NetOps.Bench.Analyzer.AnalyzerBenchHarness.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "flows") return await NetOps.Bench.Flows.FlowIngestHarness.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "ceptoar") return await NetOps.Bench.Ceptoar.CeptoarBenchHarness.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "broadcast") return await NetOps.Bench.Ceptoar.BroadcastBenchHarness.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "alerting") return await NetOps.Bench.Alerting.AlertingBenchHarness.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "screen") return await NetOps.Bench.Screen.ScreenBenchHarness.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "snmp") return await NetOps.Bench.Snmp.SnmpBenchHarness.RunAsync(args[1..]);

var switcherArgs = args.Length > 0 && args[0] == "micro" ? args[1..] : args;
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(switcherArgs);
return 0;
