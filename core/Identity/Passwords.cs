using System.Security.Cryptography;

namespace NetOps.Core.Identity;

/// <summary>Generated passwords: 16 characters from an alphabet without look-alikes (0/O, 1/l/I).</summary>
public static class Passwords
{
    private const string Alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static string Generate() => RandomNumberGenerator.GetString(Alphabet, 16);
}
