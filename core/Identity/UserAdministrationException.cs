namespace NetOps.Core.Identity;

/// <summary>A user operation that was refused, with a message a person can act on.</summary>
public sealed class UserAdministrationException(string message) : Exception(message);
