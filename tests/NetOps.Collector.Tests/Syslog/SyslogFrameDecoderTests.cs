using System.Buffers;
using System.Text;
using NetOps.Collector.Syslog;

namespace NetOps.Collector.Tests.Syslog;

public sealed class SyslogFrameDecoderTests
{
    /// <summary>Builds a sequence with one segment per chunk, as a socket delivers it.</summary>
    private static ReadOnlySequence<byte> Segments(params byte[][] chunks)
    {
        if (chunks.Length == 1) return new ReadOnlySequence<byte>(chunks[0]);
        var first = new Segment(chunks[0], 0);
        var last = first;
        for (int i = 1; i < chunks.Length; i++) last = last.Append(chunks[i]);
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] data, long runningIndex) { Memory = data; RunningIndex = runningIndex; }
        public Segment Append(byte[] data)
        {
            var next = new Segment(data, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }

    /// <summary>Decodes everything, splitting the stream into chunks of <paramref name="chunk"/> bytes fed one at a time.</summary>
    private static List<string> Decode(string stream, int chunk = int.MaxValue, int max = 1024, bool complete = true)
    {
        var bytes = Encoding.UTF8.GetBytes(stream);
        var decoder = new SyslogFrameDecoder(max);
        var results = new List<string>();
        var pending = new List<byte>();
        for (int offset = 0; offset < bytes.Length || offset == 0; offset += chunk)
        {
            pending.AddRange(bytes.Skip(offset).Take(chunk));
            bool last = offset + chunk >= bytes.Length;
            // split what is pending into 1-byte segments at the front to exercise multi-segment reads
            var data = pending.ToArray();
            var buffer = data.Length > 3 ? Segments(data[..1], data[1..3], data[3..]) : new ReadOnlySequence<byte>(data);
            while (decoder.TryReadFrame(ref buffer, complete && last, out var frame, out var error))
                results.Add(error == FrameError.None ? Encoding.UTF8.GetString(frame.ToArray()) : "!" + error);
            pending = buffer.ToArray().ToList();
            if (bytes.Length == 0 || last) break;
        }
        return results;
    }

    [Fact]
    public void Lf_delimited_frames_are_split_and_crlf_or_nul_trailers_removed()
        => Assert.Equal(["<13>a", "<13>b", "<13>c"], Decode("<13>a\n<13>b\r\n<13>c\0"));

    [Fact]
    public void Octet_counted_frames_are_read_by_their_length_even_with_lf_inside()
        => Assert.Equal(["<13>a\nb", "<14>xyz"], Decode("7 <13>a\nb7 <14>xyz"));

    [Fact]
    public void Octet_counted_and_lf_frames_can_be_mixed_in_one_stream()
        => Assert.Equal(["<13>one", "<13>two", "<13>three"], Decode("7 <13>one<13>two\n9 <13>three\n"));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void Frames_split_across_reads_and_segments_are_reassembled(int chunk)
        => Assert.Equal(["<13>one", "<13>two", "<13>three"], Decode("7 <13>one<13>two\r\n9 <13>three", chunk));

    [Fact]
    public void At_end_of_stream_a_final_unterminated_frame_is_returned()
    {
        Assert.Equal(["<13>a", "<13>tail"], Decode("<13>a\n<13>tail"));
        Assert.Equal(["<13>a"], Decode("<13>a\n<13>tail", complete: false));
    }

    [Fact]
    public void A_connection_closed_inside_an_octet_counted_frame_is_truncated()
        => Assert.Equal(["<13>a", "!Truncated"], Decode("<13>a\n20 <13>short"));

    [Fact]
    public void An_oversize_lf_frame_is_skipped_and_the_next_frame_still_decodes()
        => Assert.Equal(["!TooLong", "<13>ok"], Decode(new string('x', 40) + "\n<13>ok\n", max: 16));

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    public void An_oversize_frame_without_lf_yet_resynchronises_at_the_next_lf(int chunk)
        => Assert.Equal(["!TooLong", "<13>ok"], Decode(new string('x', 100) + "\n<13>ok\n", chunk, max: 16));

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(43)]
    public void An_oversize_octet_counted_frame_is_skipped_by_exactly_its_count_and_the_frames_after_it_decode(int chunk)
        => Assert.Equal(["!TooLong", "<13>a1", "<13>a2", "<13>a3"],
            Decode("40 <13>" + new string('x', 36) + "6 <13>a16 <13>a26 <13>a3", chunk, max: 16));

    [Fact]
    public void An_oversize_octet_counted_frame_cut_by_the_close_is_one_skip()
        => Assert.Equal(["!TooLong"], Decode("99999 <13>" + new string('x', 30) + "\n<13>ok\n", max: 16));

    [Theory]
    [InlineData("12a <13>garbage\n<13>ok\n")]
    [InlineData("1234567890123 <13>garbage\n<13>ok\n")]
    public void A_garbage_octet_count_is_reported_and_skipped_to_the_next_lf(string stream)
        => Assert.Equal(["!BadOctetCount", "<13>ok"], Decode(stream));

    [Fact]
    public void A_frame_starting_with_zero_is_lf_delimited_since_octet_counts_have_no_leading_zero()
        => Assert.Equal(["00:00:46: %LINK-3-UPDOWN: up", "<13>ok"], Decode("00:00:46: %LINK-3-UPDOWN: up\n<13>ok\n"));

    [Fact]
    public void A_status_overload_reports_need_more_data_frame_and_skipped()
    {
        var decoder = new SyslogFrameDecoder(8);
        var buffer = new ReadOnlySequence<byte>("<13>abc"u8.ToArray());
        Assert.Equal(FrameStatus.NeedMoreData, decoder.TryReadFrame(ref buffer, false, out _));
        Assert.Equal(FrameStatus.Frame, decoder.TryReadFrame(ref buffer, true, out var frame));
        Assert.Equal("<13>abc", Encoding.UTF8.GetString(frame.ToArray()));
        buffer = new ReadOnlySequence<byte>("<13>abcdefgh\n"u8.ToArray());
        Assert.Equal(FrameStatus.Skipped, decoder.TryReadFrame(ref buffer, false, out _));
        Assert.Equal(FrameError.TooLong, decoder.LastError);
    }

    [Fact]
    public void Random_streams_never_throw_and_always_make_progress()
    {
        var random = new Random(6587);
        byte[] alphabet = "0123456789 <>\n\r\0abc"u8.ToArray();
        for (int n = 0; n < 20_000; n++)
        {
            var data = new byte[random.Next(0, 64)];
            for (int i = 0; i < data.Length; i++) data[i] = alphabet[random.Next(alphabet.Length)];
            var decoder = new SyslogFrameDecoder(random.Next(1, 32));
            int cut = data.Length == 0 ? 0 : random.Next(data.Length);
            var buffer = data.Length > 1 ? Segments(data[..cut], data[cut..]) : new ReadOnlySequence<byte>(data);
            int guard = 0;
            while (decoder.TryReadFrame(ref buffer, true, out var frame, out _))
            {
                Assert.True(frame.Length <= decoder.MaxFrameLength);
                Assert.True(++guard <= data.Length + 1, "decoder did not make progress");
            }
            Assert.Equal(0, buffer.Length);
        }
    }
}
