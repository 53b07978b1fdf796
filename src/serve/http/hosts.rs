//! Which `Host` headers the server answers: its defence against DNS rebinding, where a page
//! on a foreign name that now resolves to this machine asks the dev server for the site.

use std::net::IpAddr;

/// The host names (and addresses) answered.
#[derive(Debug)]
pub(super) struct AllowedHosts {
    /// Answered with this server's port or with none: `localhost`, `127.0.0.1`, `[::1]`, the
    /// bind address and, when bound to all interfaces, the machine's name.
    local: Vec<String>,
    /// `--allow-host` names, answered with any port (a reverse proxy's own).
    allowed: Vec<String>,
    port: u16,
    /// Bound to all interfaces: any IP address is answered too. A rebinding attack needs a
    /// name the attacker controls; an address typed as such cannot be rebound, and the
    /// machine's addresses as others reach it (through NAT, a container's port mapping)
    /// cannot all be listed from here.
    any_address: bool,
}

impl AllowedHosts {
    pub(super) fn new(bind: IpAddr, port: u16, allow_hosts: &[String]) -> AllowedHosts {
        let mut local =
            vec!["localhost".to_owned(), "127.0.0.1".to_owned(), "[::1]".to_owned(), address_as_host(bind)];
        let any_address = bind.is_unspecified();
        if any_address {
            local.extend(machine_names());
        }
        let allowed =
            allow_hosts.iter().map(|host| normalised(host)).filter(|host| !host.is_empty()).collect();
        AllowedHosts { local, allowed, port, any_address }
    }

    /// Whether a request with this `Host` header is answered.
    pub(super) fn allows(&self, host: &str) -> bool {
        let host = normalised(host);
        let Some((name, port)) = split_port(&host) else { return false };
        if self.allowed.iter().any(|allowed| *allowed == name || *allowed == host) {
            return true;
        }
        let our_port = port.is_none_or(|port| port == self.port);
        let address = name.trim_start_matches('[').trim_end_matches(']').parse::<IpAddr>().is_ok();
        our_port && (self.local.iter().any(|local| *local == name) || (self.any_address && address))
    }

    /// The name to suggest for `--allow-host`: the header without its port.
    pub(super) fn name_of(&self, host: &str) -> String {
        let host = normalised(host);
        split_port(&host).map_or(host.clone(), |(name, _)| name.to_owned())
    }
}

/// Lower case, without a trailing dot on the name (`LocalHost.:1111` is `localhost:1111`).
fn normalised(host: &str) -> String {
    let lower = host.trim().to_ascii_lowercase();
    match split_port(&lower) {
        Some((name, Some(port))) => format!("{}:{port}", name.trim_end_matches('.')),
        Some((name, None)) => name.trim_end_matches('.').to_owned(),
        None => lower,
    }
}

/// `name:port` into the name and the port; `[::1]:8080` keeps its brackets. `None` for a
/// port that is not a number.
fn split_port(host: &str) -> Option<(&str, Option<u16>)> {
    if host.starts_with('[') {
        let end = host.find(']')?;
        let (name, rest) = host.split_at(end + 1);
        return match rest.strip_prefix(':') {
            None if rest.is_empty() => Some((name, None)),
            Some(port) => Some((name, Some(port.parse().ok()?))),
            None => None,
        };
    }
    match host.rsplit_once(':') {
        Some((name, port)) => Some((name, Some(port.parse().ok()?))),
        None => Some((host, None)),
    }
}

fn address_as_host(address: IpAddr) -> String {
    match address {
        IpAddr::V4(ip) => ip.to_string(),
        IpAddr::V6(ip) => format!("[{ip}]"),
    }
}

/// This machine's name as the kernel has it, and with `.local` (its mDNS name).
fn machine_names() -> Vec<String> {
    let name = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::fs::read_to_string("/etc/hostname"))
        .ok()
        .or_else(|| {
            let output = std::process::Command::new("hostname").output().ok()?;
            String::from_utf8(output.stdout).ok()
        })
        .map(|name| name.trim().to_ascii_lowercase())
        .unwrap_or_default();
    if name.is_empty() {
        return Vec::new();
    }
    let short = name.split('.').next().unwrap_or(&name).to_owned();
    let mut names = vec![format!("{short}.local"), short, name];
    names.dedup();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_names_are_answered_with_this_port_or_none_and_allowed_ones_with_any() {
        let hosts =
            AllowedHosts::new("127.0.0.1".parse().unwrap(), 1111, &["Preview.Example.org".to_owned()]);
        for host in [
            "localhost",
            "localhost:1111",
            "LOCALHOST.",
            "127.0.0.1:1111",
            "[::1]:1111",
            "[::1]",
            "preview.example.org:8443",
        ] {
            assert!(hosts.allows(host), "`{host}` is answered");
        }
        for host in [
            "localhost:2222",
            "evil.example",
            "evil.example:1111",
            "10.0.0.7:1111",
            "",
            "localhost:x",
            "[::1",
        ] {
            assert!(!hosts.allows(host), "`{host}` is refused");
        }
        assert_eq!(hosts.name_of("Evil.Example:1111"), "evil.example");
    }

    #[test]
    fn bound_to_all_interfaces_addresses_and_the_machine_name_are_answered() {
        let hosts = AllowedHosts::new("0.0.0.0".parse().unwrap(), 1111, &[]);
        assert!(hosts.allows("192.168.1.20:1111"));
        assert!(hosts.allows("[fe80::1]:1111"));
        assert!(!hosts.allows("rebound.example:1111"));
        if let Some(name) = machine_names().first() {
            assert!(hosts.allows(&format!("{name}:1111")));
        }
    }
}
