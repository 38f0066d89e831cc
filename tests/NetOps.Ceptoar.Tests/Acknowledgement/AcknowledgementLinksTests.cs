using System.Buffers.Text;
using System.Text;
using FsCheck.Xunit;
using Microsoft.Extensions.Time.Testing;
using NetOps.Ceptoar.Acknowledgement;
using NetOps.Core.Links;

namespace NetOps.Ceptoar.Tests.Acknowledgement;

public sealed class AcknowledgementLinksTests
{
    private static readonly LinkSecret Key = new(Encoding.UTF8.GetBytes("0123456789abcdef0123456789abcdef-test"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));

    private AcknowledgementLinks Links(LinkSecret? key = null) => new(new SignedLinks(key ?? Key, _time));

    [Fact]
    public void A_token_reads_back_as_its_advisory_and_lower_cased_recipient()
    {
        var token = Links().Token(42, "CISO@City.Example.jp", _time.GetUtcNow().AddDays(30));
        Assert.True(Links().TryRead(token, out var id, out var address, out var rejection));
        Assert.Equal((42L, "ciso@city.example.jp", LinkRejection.None), (id, address, rejection));
    }

    [Fact]
    public void A_token_with_one_character_changed_is_refused()
    {
        var token = Links().Token(42, "a@b.example.jp", _time.GetUtcNow().AddDays(30));
        var chars = token.ToCharArray();
        chars[5] = chars[5] == 'A' ? 'B' : 'A';
        Assert.False(Links().TryRead(new string(chars), out _, out _, out var rejection));
        Assert.NotEqual(LinkRejection.None, rejection);
    }

    [Fact]
    public void A_token_moved_to_another_recipient_keeps_the_old_signature_and_is_refused()
    {
        var token = Links().Token(42, "a@b.example.jp", _time.GetUtcNow().AddDays(30));
        var payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token.AsSpan(0, token.IndexOf('.'))));
        var forged = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.Replace("a@b.example.jp", "other@b.example.jp", StringComparison.Ordinal)))
            + token[token.IndexOf('.')..];
        Assert.False(Links().TryRead(forged, out _, out _, out var rejection));
        Assert.Equal(LinkRejection.BadSignature, rejection);
    }

    [Fact]
    public void An_expired_token_is_refused_as_expired()
    {
        var token = Links().Token(42, "a@b.example.jp", _time.GetUtcNow().AddDays(30));
        _time.Advance(TimeSpan.FromDays(30));
        Assert.False(Links().TryRead(token, out _, out _, out var rejection));
        Assert.Equal(LinkRejection.Expired, rejection);
    }

    [Fact]
    public void A_token_made_with_another_key_or_for_another_purpose_is_refused()
    {
        var other = new LinkSecret(Encoding.UTF8.GetBytes("another-key-another-key-another-key!"));
        var token = Links(other).Token(42, "a@b.example.jp", _time.GetUtcNow().AddDays(30));
        Assert.False(Links().TryRead(token, out _, out _, out var rejection));
        Assert.Equal(LinkRejection.BadSignature, rejection);

        var alertToken = new SignedLinks(Key, _time).Create("alert-ack", ["42", "a@b.example.jp"], _time.GetUtcNow().AddDays(1));
        Assert.False(Links().TryRead(alertToken, out _, out _, out rejection));
        Assert.Equal(LinkRejection.BadSignature, rejection);
    }

    [Property(MaxTest = 2_000)]
    public void Any_string_is_refused_or_read_without_throwing(string? token) =>
        Links().TryRead(token, out _, out _, out _);
}
