namespace NetOps.Core.Inventory;

/// <summary>全国地方公共団体コード: 5 digits and a JIS X 0402 check digit.</summary>
public static class LocalGovernmentCode
{
    /// <summary>The check digit for the first five digits: (11 − Σ dᵢ·(6..2) mod 11) mod 10.</summary>
    public static int CheckDigit(ReadOnlySpan<char> firstFive)
    {
        if (firstFive.Length != 5) throw new ArgumentException("five digits expected", nameof(firstFive));
        int s = 0;
        for (int i = 0; i < 5; i++)
        {
            int d = firstFive[i] - '0';
            if ((uint)d > 9) throw new ArgumentException("digits expected", nameof(firstFive));
            s += d * (6 - i);
        }
        return (11 - s % 11) % 10;
    }

    /// <summary>True when the code is six digits with a correct check digit (or the national centre's 000000).</summary>
    public static bool IsValid(string? code)
    {
        if (code is null || code.Length != 6) return false;
        foreach (var c in code) if (c is < '0' or > '9') return false;
        if (code == "000000") return true;
        return CheckDigit(code.AsSpan(0, 5)) == code[5] - '0';
    }
}
