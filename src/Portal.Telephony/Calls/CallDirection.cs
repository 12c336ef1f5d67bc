namespace Portal.Telephony.Calls;

/// <summary>Direction of a call, seen from the company.</summary>
public enum CallDirection
{
    Inbound = 1,
    Outbound = 2,
    Internal = 3,
}
