using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using NetOps.Core.Hosting;

namespace NetOps.Core.Links;

/// <summary>
/// The key of signed links (DESIGN.md <c>Links:Secret</c>): the configured value, or else a random key generated once
/// into <c>DataDir/links.secret</c> (mode 600). Every node that serves the links of one state DB needs the same key,
/// so with several nodes set <c>Links:Secret</c> (at least 32 characters) on all of them.
/// </summary>
public sealed class LinkSecret
{
    public const string Key = "Links:Secret";
    public const string FileName = "links.secret";
    public const int MinimumLength = 32;

    public LinkSecret(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < MinimumLength) throw new ArgumentException($"a link key needs at least {MinimumLength} bytes", nameof(key));
        Bytes = key;
    }

    /// <summary>The HMAC key.</summary>
    public byte[] Bytes { get; }

    /// <summary>From <c>Links:Secret</c>, or the key file in <paramref name="dataDirectory"/> (made when missing).</summary>
    public static LinkSecret From(IConfiguration configuration, string dataDirectory)
    {
        var configured = configuration[Key];
        if (!string.IsNullOrEmpty(configured))
        {
            if (configured.Length < MinimumLength)
                throw new NetOpsConfigurationException(Key, $"{Key}: must be at least {MinimumLength} characters (is {configured.Length})");
            return new LinkSecret(Encoding.UTF8.GetBytes(configured));
        }
        return new LinkSecret(ReadOrCreate(Path.Combine(dataDirectory, FileName)));
    }

    private static byte[] ReadOrCreate(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        for (int attempt = 0; ; attempt++)
        {
            if (File.Exists(path))
            {
                var text = File.ReadAllText(path).Trim();
                // A node that starts at the same moment may still be writing it.
                if (text.Length == 0 && attempt < 20) { Thread.Sleep(50); continue; }
                try
                {
                    var bytes = Convert.FromBase64String(text);
                    if (bytes.Length >= MinimumLength) return bytes;
                }
                catch (FormatException) { }
                throw new NetOpsConfigurationException(Key, $"{Key}: the key file {path} is not a base64 key of at least {MinimumLength} bytes; remove it to make a new one (links already sent stop working)");
            }
            var key = RandomNumberGenerator.GetBytes(32);
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                using var stream = new FileStream(path, options);
                stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(key)));
                stream.Flush(true);
                return key;
            }
            catch (IOException) when (File.Exists(path) && attempt < 20)
            {
                // another process created it first: read theirs
            }
        }
    }
}
