using System.Text;
using NetOps.Integration.Tests.Support;
using NetOps.Testing;

namespace NetOps.Integration.Tests.Syslog;

/// <summary>With Collector:Syslog:Tls:ClientCaPath set, only devices whose certificate the CA signed may send (RFC 5425 mutual authentication).</summary>
public sealed class TlsClientCertificateTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("netops-mtls-").FullName;
    private InfluxServer _influx = null!;
    private NetOpsProcess _netops = null!;
    private int _tlsPort;

    private string F(string name) => Path.Combine(_dir, name);

    public async ValueTask InitializeAsync()
    {
        // A CA, the collector's server certificate, a device certificate the CA signed, and one it did not.
        await Peers.RunAsync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=LGWAN test CA", "-keyout", F("ca.key"), "-out", F("ca.pem")]);
        await Peers.RunAsync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost", "-keyout", F("server.key"), "-out", F("server.pem")]);
        await Peers.RunAsync("openssl", ["req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=shimonoseki-rt1", "-keyout", F("device.key"), "-out", F("device.csr")]);
        await Peers.RunAsync("openssl", ["x509", "-req", "-in", F("device.csr"), "-CA", F("ca.pem"), "-CAkey", F("ca.key"), "-CAcreateserial", "-days", "2", "-out", F("device.pem")]);
        await Peers.RunAsync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=impostor", "-keyout", F("impostor.key"), "-out", F("impostor.pem")]);

        _influx = await InfluxServer.StartNewAsync();
        _tlsPort = TestPorts.Next();
        _netops = await NetOpsProcess.StartAsync(_influx.Url, F("data"), null,
            $"--Inventory:Path={TestInventory.Write(_dir)}", $"--Collector:Syslog:Tls:Port={_tlsPort}",
            $"--Collector:Syslog:Tls:CertificatePath={F("server.pem")}", $"--Collector:Syslog:Tls:KeyPath={F("server.key")}",
            $"--Collector:Syslog:Tls:ClientCaPath={F("ca.pem")}");
    }

    public async ValueTask DisposeAsync()
    {
        await _netops.DisposeAsync();
        await _influx.DisposeAsync();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private async Task SendAsync(string marker, params string[] certificateArgs)
    {
        var frame = Encoding.UTF8.GetString(Peers.OctetCounted([$"<187>1 2026-11-23T10:00:00Z shimonoseki-rt1 ios - - - %LINK-3-UPDOWN: Interface GigabitEthernet0/1, changed state to down {marker}"]));
        try
        {
            await Peers.RunAsync("openssl", ["s_client", "-quiet", "-no_ign_eof", "-connect", $"127.0.0.1:{_tlsPort}", "-servername", "localhost", .. certificateArgs], frame);
        }
        catch (InvalidOperationException) { } // a refused handshake makes s_client exit non-zero
    }

    [Fact]
    public async Task A_device_certificate_signed_by_the_configured_ca_is_accepted_and_others_are_refused()
    {
        string good = Guid.NewGuid().ToString("N")[..12], none = Guid.NewGuid().ToString("N")[..12], forged = Guid.NewGuid().ToString("N")[..12];
        await SendAsync(none);
        await SendAsync(forged, "-cert", F("impostor.pem"), "-key", F("impostor.key"));
        await SendAsync(good, "-cert", F("device.pem"), "-key", F("device.key"));

        var query = new InfluxQuery(_influx.Url);
        Assert.Equal(1, await query.WaitForAsync($"SELECT count(message) FROM event WHERE message =~ /{good}/", 1, TimeSpan.FromSeconds(60)));
        await Task.Delay(1000); // the refused ones, had they been let in, would have been written by now too
        Assert.Equal(0, await query.ScalarAsync($"SELECT count(message) FROM event WHERE message =~ /{none}|{forged}/"));
        Assert.True(await _netops.MetricAsync("netops_syslog_connections_rejected_total", ("reason", "tls_handshake")) >= 2);
    }
}
