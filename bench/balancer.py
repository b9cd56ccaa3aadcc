"""The serving side of the deadline rush (`bench/deadline_rush.py`): nginx as a round-robin
balancer in front of one or two gunicorn instances, all on loopback, a private Redis, and the
faults injected in the middle of the final minute.

nginx runs unprivileged from the run's temporary directory (`nginx -p <dir> -c nginx.conf`,
`daemon off;` under Popen, pid, logs and temporary files there). It overwrites any client's
`X-Request-Start` with its own arrival time (`t=${msec} d=${request_time}`: the first byte) and `X-Forwarded-For` with the
client's address; the portal trusts both (REQUEST_START_HEADER, TRUSTED_PROXY_COUNT=1).
A request whose connection to an instance failed (a worker killed with the requests it had
accepted) goes to the other instance, a POST too (`non_idempotent`): the worker's open
transaction died with it, and the portal's writes are safe to repeat (a submission is made once
whatever the clicks, a save carries its revision).
"""
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path
from urllib.request import urlopen

from bench.common import start_gunicorn

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
REDIS_PORT = int(os.environ.get("RUSH_REDIS_PORT", "6390"))

NGINX_CONF = """\
{user}worker_processes 1;
worker_rlimit_nofile 20000;
pid {dir}/nginx.pid;
error_log {dir}/nginx-error.log warn;
daemon off;
events {{ worker_connections 16000; }}
http {{
    log_format rush '$msec $request_method $uri $status $request_time $upstream_response_time '
                    '$upstream_connect_time $upstream_addr';
    access_log {dir}/nginx-access.log rush;
    client_body_temp_path {dir}/body; proxy_temp_path {dir}/proxy; fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi; scgi_temp_path {dir}/scgi;
    upstream portal {{
{servers}
    }}
    server {{
        listen 127.0.0.1:{port} backlog=4096;
        location / {{
            proxy_pass http://portal;
            proxy_set_header Host $host;
            proxy_set_header X-Request-Start "t=${{msec}} d=${{request_time}}";
            proxy_set_header X-Forwarded-For $remote_addr;
            proxy_connect_timeout {connect_timeout}s;
            proxy_send_timeout 60s;
            proxy_read_timeout {read_timeout}s;
            proxy_next_upstream error timeout non_idempotent;
            proxy_next_upstream_tries 0;
        }}
    }}
}}
"""


def nginx_conf(directory: Path, *, port: int, upstreams: list[int], connect_timeout: int, read_timeout: int) -> str:
    # max_fails=0: a refused connection during a fault does not take an instance out of the rotation
    servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=0;" for p in upstreams)
    user = "user root;\n" if os.geteuid() == 0 else ""  # as root nginx's workers would be "nobody"
    return NGINX_CONF.format(user=user, dir=directory, port=port, servers=servers, connect_timeout=connect_timeout,
                             read_timeout=read_timeout)


def require_nginx() -> None:
    if not Path(NGINX).exists():
        raise SystemExit("nginx is needed as the balancer of the rush and was not found. Install it with "
                         "`sudo apt-get install nginx-light` (Debian/Ubuntu; only the binary is used, run "
                         "unprivileged from a temporary directory), or put it on PATH.")
    if not shutil.which("redis-server"):
        raise SystemExit("redis-server is needed (a private one on port "
                         f"{REDIS_PORT}): `sudo apt-get install redis-server`.")


def wait_for(url: str, seconds: float = 60) -> None:
    end = time.time() + seconds
    while time.time() < end:
        try:
            urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"{url} did not answer within {seconds:.0f} s")


def start_nginx(directory: Path, **conf) -> subprocess.Popen:
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (directory / sub).mkdir(exist_ok=True)
    path = directory / "nginx.conf"
    path.write_text(nginx_conf(directory, **conf))
    process = subprocess.Popen([NGINX, "-p", str(directory), "-c", str(path), "-e", str(directory / "nginx-error.log")])
    wait_for(f"http://127.0.0.1:{conf['port']}/")
    return process


def start_redis() -> subprocess.Popen:
    return subprocess.Popen(["redis-server", "--bind", "127.0.0.1", "--port", str(REDIS_PORT), "--save", "",
                             "--appendonly", "no"], stdout=subprocess.DEVNULL)


def start_instances(env, *, ports: list[int], **options) -> list[subprocess.Popen]:
    return [start_gunicorn(env, port=port, **options) for port in ports]


def stop(processes) -> None:
    for process in processes:
        if process and process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in processes:
        if process:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def cpu_seconds(pids) -> float:
    """User and system CPU time of the processes `pids` so far (those that are gone count 0)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def serving_cpu(instances, *, database: str, dsn: dict) -> tuple[float, float]:
    """CPU seconds used so far by the gunicorn workers of `instances` and by the PostgreSQL
    backends of `database` (read before they stop)."""
    import psycopg2

    workers = [pid for instance in instances for pid in [instance.pid, *children(instance.pid)]]
    connection = psycopg2.connect(dbname=database, **dsn)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", [database])
        backends = [row[0] for row in cursor.fetchall()]
    connection.close()
    return cpu_seconds(workers), cpu_seconds(backends)


def inject(fault: str, *, database: str, dsn: dict, master: int, state: dict) -> str:
    """Do `fault` now; returns what was done (for the report). `state["redis"]` is the Redis
    process, replaced when Redis is started again."""
    if fault == "db-cut":
        import psycopg2

        connection = psycopg2.connect(dbname=database, **dsn)
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                           "WHERE datname = %s AND pid <> pg_backend_pid()", [database])
            count = cursor.fetchone()[0]
        connection.close()
        return f"terminated {count} PostgreSQL connections of the portal"
    if fault == "kill-worker":
        workers = children(master)
        os.kill(workers[0], signal.SIGKILL)
        return f"SIGKILL to gunicorn worker {workers[0]} (one of {len(workers)} of the first instance)"
    if fault == "redis-drop":
        subprocess.run(["redis-cli", "-p", str(REDIS_PORT), "shutdown", "nosave"], capture_output=True)
        state["redis"].wait(timeout=10)
        time.sleep(10)
        state["redis"] = start_redis()
        return "Redis shut down (nosave), started again 10 s later"
    return "none"
