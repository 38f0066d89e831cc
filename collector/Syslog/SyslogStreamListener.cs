using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetOps.Core.Influx;
using NetOps.Core.Hosting;

namespace NetOps.Collector.Syslog;

/// <summary>
/// Syslog over TCP (RFC 6587: octet-counting or LF-delimited, detected per frame) and over TLS (RFC 5425).
/// One task per connection; a full queue stops reading, which pushes back on the sender. A connection that sends
/// garbage loses only the garbage: the frame decoder resynchronises on the next LF. TCP and TLS have separate
/// connection pools, each source address a cap of its own, and every connection TCP keepalive (a device that
/// vanished without a FIN frees its slot). A graceful stop stops reading, then waits until every frame already
/// read is in the queue.
/// </summary>
public sealed class SyslogStreamListener : IHostedService, IDisposable
{
    private readonly SyslogOptions _options;
    private readonly SyslogQueue _queue;
    private readonly SyslogMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<SyslogStreamListener> _logger;
    private readonly CancellationTokenSource _stopping = new();
    // Cancelled only when the host gives up waiting for the stop: until then frames already read still go to the queue.
    private readonly CancellationTokenSource _abandon = new();
    private readonly SemaphoreSlim _tcpSlots;
    private readonly SemaphoreSlim _tlsSlots;
    private readonly Dictionary<IPAddress, int> _perSource = [];
    private readonly Lock _perSourceGate = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Task, byte> _connections = new();
    private readonly List<Task> _loops = [];
    private readonly List<Socket> _sockets = [];
    private X509Certificate2? _certificate;
    private X509Certificate2Collection? _clientCas;
    private int _open;

    public SyslogStreamListener(IOptions<SyslogOptions> options, SyslogQueue queue, SyslogMetrics metrics, TimeProvider time, ILogger<SyslogStreamListener> logger)
    {
        _options = options.Value;
        _queue = queue;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _tcpSlots = new SemaphoreSlim(_options.MaxConnections, _options.MaxConnections);
        _tlsSlots = new SemaphoreSlim(_options.Tls.MaxConnections, _options.Tls.MaxConnections);
    }

    /// <summary>The bound TCP endpoint, if TCP is on.</summary>
    public IPEndPoint? TcpEndPoint { get; private set; }

    /// <summary>The bound TLS endpoint, if TLS is on.</summary>
    public IPEndPoint? TlsEndPoint { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var address = IPAddress.Parse(_options.BindAddress);
        if (_options.Tcp)
        {
            var socket = Listen(address, _options.Port);
            TcpEndPoint = (IPEndPoint)socket.LocalEndPoint!;
            _logger.Listening("syslog-tcp", TcpEndPoint);
            _loops.Add(AcceptLoopAsync(socket, SyslogTransport.Tcp));
        }
        if (_options.Tls.Port != 0)
        {
            _certificate = LoadCertificate(_options.Tls);
            _clientCas = LoadClientCas(_options.Tls);
            var socket = Listen(address, _options.Tls.Port);
            TlsEndPoint = (IPEndPoint)socket.LocalEndPoint!;
            _logger.Listening("syslog-tls", TlsEndPoint);
            _loops.Add(AcceptLoopAsync(socket, SyslogTransport.Tls));
        }
        return Task.CompletedTask;
    }

    private Socket Listen(IPAddress address, int port)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        if (address.Equals(IPAddress.IPv6Any)) socket.DualMode = true;
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        try
        {
            socket.Bind(new IPEndPoint(address, port));
            socket.Listen(512);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            var key = port == _options.Port ? "Collector:Syslog:Port" : "Collector:Syslog:Tls:Port";
            throw new NetOpsConfigurationException(key, $"{key} {port}/tcp on {address}: {e.Message}");
        }
        _sockets.Add(socket);
        return socket;
    }

    internal static X509Certificate2 LoadCertificate(SyslogTlsOptions tls)
    {
        var path = tls.CertificatePath!;
        var certificate = string.IsNullOrWhiteSpace(tls.KeyPath)
            ? X509CertificateLoader.LoadPkcs12FromFile(path, tls.Password)
            : X509Certificate2.CreateFromPemFile(path, tls.KeyPath);
        if (!certificate.HasPrivateKey)
            throw new NetOpsConfigurationException("Collector:Syslog:Tls:CertificatePath", $"Collector:Syslog:Tls:CertificatePath '{path}' has no private key (set Collector:Syslog:Tls:KeyPath)");
        // SslStream on Linux needs an exportable key it can hand to OpenSSL; a PEM key loaded this way is ephemeral.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    private static X509Certificate2Collection? LoadClientCas(SyslogTlsOptions tls)
    {
        if (string.IsNullOrWhiteSpace(tls.ClientCaPath)) return null;
        var cas = new X509Certificate2Collection();
        cas.ImportFromPemFile(tls.ClientCaPath);
        if (cas.Count == 0)
            throw new NetOpsConfigurationException("Collector:Syslog:Tls:ClientCaPath", $"Collector:Syslog:Tls:ClientCaPath '{tls.ClientCaPath}' holds no PEM certificate");
        return cas;
    }

    /// <summary>A client certificate is good when it chains to one of the configured CAs (and only those).</summary>
    private bool ValidateClientCertificate(object sender, X509Certificate? certificate, X509Chain? _, SslPolicyErrors errors)
    {
        if (_clientCas is null) return true;
        if (certificate is null) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_clientCas);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck; // a closed WAN has no reachable CRL/OCSP
        chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.2")); // clientAuth, when the certificate restricts its use
        using var presented = new X509Certificate2(certificate);
        return chain.Build(presented);
    }

    private async Task AcceptLoopAsync(Socket listener, SyslogTransport transport)
    {
        var token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(token);
            }
            catch (OperationCanceledException) { return; }
            catch (ObjectDisposedException) { return; }
            catch (SocketException e)
            {
                _logger.ListenerFailed(e, "syslog-" + transport.ToString().ToLowerInvariant());
                await Task.Delay(100, CancellationToken.None);
                continue;
            }

            var slots = transport == SyslogTransport.Tls ? _tlsSlots : _tcpSlots;
            if (!slots.Wait(0))
            {
                var (limit, key) = transport == SyslogTransport.Tls
                    ? (_options.Tls.MaxConnections, "Collector:Syslog:Tls:MaxConnections") : (_options.MaxConnections, "Collector:Syslog:MaxConnections");
                _metrics.RejectedConnections.WithLabels("limit").Inc();
                _logger.ConnectionRefused(client.RemoteEndPoint, $"more than {limit} {transport.ToString().ToUpperInvariant()} connections ({key})");
                client.Dispose();
                continue;
            }
            var source = SourceOf(client);
            if (!TryTakeSourceSlot(source))
            {
                slots.Release();
                _metrics.RejectedConnections.WithLabels("per_source").Inc();
                _logger.ConnectionRefused(client.RemoteEndPoint, $"more than {_options.MaxConnectionsPerSource} connections from {source} (Collector:Syslog:MaxConnectionsPerSource)");
                client.Dispose();
                continue;
            }
            var connection = Task.Run(() => ServeAsync(client, source, transport, slots, token), CancellationToken.None);
            _connections.TryAdd(connection, 0);
            _ = connection.ContinueWith(t => _connections.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private static IPAddress SourceOf(Socket client)
    {
        var remote = client.RemoteEndPoint as IPEndPoint;
        return remote?.Address is { } a && a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : remote?.Address ?? IPAddress.None;
    }

    private bool TryTakeSourceSlot(IPAddress source)
    {
        lock (_perSourceGate)
        {
            int n = _perSource.GetValueOrDefault(source);
            if (n >= _options.MaxConnectionsPerSource) return false;
            _perSource[source] = n + 1;
            return true;
        }
    }

    private void ReleaseSourceSlot(IPAddress source)
    {
        lock (_perSourceGate)
        {
            if (_perSource.TryGetValue(source, out int n) && n > 1) _perSource[source] = n - 1;
            else _perSource.Remove(source);
        }
    }

    private static void EnableKeepAlive(Socket client)
    {
        // A device that lost power or its line sends no FIN; keepalive finds it in about two minutes, not hours.
        client.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
        client.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, 60);
        client.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, 10);
        client.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, 6);
    }

    private async Task ServeAsync(Socket client, IPAddress source, SyslogTransport transport, SemaphoreSlim slots, CancellationToken stopping)
    {
        var label = transport == SyslogTransport.Tls ? "tls" : "tcp";
        Interlocked.Increment(ref _open);
        _metrics.Connections.WithLabels(label).Inc();
        var remote = client.RemoteEndPoint as IPEndPoint;
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        Stream stream = new NetworkStream(client, ownsSocket: true);
        try
        {
            client.NoDelay = true;
            EnableKeepAlive(client);
            if (transport == SyslogTransport.Tls)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = ssl;
                idle.CancelAfter(TimeSpan.FromSeconds(30));
                try
                {
                    await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                    {
                        ServerCertificate = _certificate,
                        ClientCertificateRequired = _clientCas is not null,
                        RemoteCertificateValidationCallback = ValidateClientCertificate,
                    }, idle.Token);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
                {
                    _metrics.RejectedConnections.WithLabels("tls_handshake").Inc();
                    _logger.ConnectionRefused(remote, "TLS handshake failed: " + e.Message);
                    return;
                }
            }

            var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 65_536, minimumReadSize: 4096));
            var decoder = new SyslogFrameDecoder(_options.MaxMessageBytes);
            var idleTimeout = TimeSpan.FromSeconds(_options.IdleTimeoutSeconds);
            idle.CancelAfter(idleTimeout);
            while (true)
            {
                ReadResult result;
                try
                {
                    result = await reader.ReadAsync(idle.Token);
                }
                catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
                {
                    _logger.ConnectionClosed(remote, $"idle for {_options.IdleTimeoutSeconds} s (Collector:Syslog:IdleTimeoutSeconds)");
                    return;
                }

                var buffer = result.Buffer;
                try
                {
                    while (true)
                    {
                        var status = decoder.TryReadFrame(ref buffer, result.IsCompleted, out var frame);
                        if (status == FrameStatus.NeedMoreData) break;
                        // Only a whole message (or a whole skipped one) is progress: a trickle of bytes is not.
                        idle.CancelAfter(idleTimeout);
                        _metrics.Count(transport, SyslogOutcome.Received);
                        if (status == FrameStatus.Frame)
                        {
                            if (frame.Length == 0) continue;
                            // Read is read: on a graceful stop the frame still goes to the queue (until the host gives up).
                            await _queue.EnqueueAsync(Copy(frame, source, transport), _abandon.Token);
                        }
                        else
                        {
                            // A frame the decoder had to skip (oversize or a garbage octet count).
                            _metrics.Count(transport, SyslogOutcome.Malformed);
                        }
                    }
                }
                finally
                {
                    reader.AdvanceTo(buffer.Start, buffer.End);
                }
                if (result.IsCompleted) return;
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested || _abandon.IsCancellationRequested) { }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            _logger.ConnectionClosed(remote, e.Message);
        }
        finally
        {
            await stream.DisposeAsync();
            _metrics.Connections.WithLabels(label).Dec();
            Interlocked.Decrement(ref _open);
            ReleaseSourceSlot(source);
            slots.Release();
        }
    }

    private RawSyslogMessage Copy(in ReadOnlySequence<byte> frame, IPAddress source, SyslogTransport transport)
    {
        var length = (int)frame.Length;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        frame.CopyTo(buffer);
        return new RawSyslogMessage(buffer, length, source, Point.ToNanoseconds(_time.GetUtcNow()), transport);
    }

    /// <summary>Open connections now.</summary>
    public int OpenConnections => Volatile.Read(ref _open);

    /// <summary>
    /// Stops accepting and reading, then waits until every connection has put the frames it already read into the queue
    /// (the processor, stopped after the listeners, drains it); if the host stops waiting, the rest are abandoned.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        foreach (var s in _sockets) s.Close();
        await Task.WhenAll(_loops).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        try
        {
            await Task.WhenAll(_connections.Keys).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        finally
        {
            if (_connections.Count > 0) await _abandon.CancelAsync();
        }
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _abandon.Cancel();
        _abandon.Dispose();
        _certificate?.Dispose();
        foreach (var s in _sockets) s.Dispose();
    }
}
