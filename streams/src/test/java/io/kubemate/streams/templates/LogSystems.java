package io.kubemate.streams.templates;

import io.kubemate.streams.templates.LogCorpus.LogSystem;
import io.kubemate.streams.templates.LogCorpus.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** Hand-written ground-truth templates of six systems' log styles, and their system-specific variable values. */
final class LogSystems {
    private LogSystems() {}

    static List<LogSystem> all() {
        return List.of(spring(), nginx(), postgres(), kubelet(), syslog(), goService());
    }

    private static Template t(String id, int weight, String pattern) {
        return new Template(id, weight, pattern);
    }

    /** Spring Boot with logback's default console pattern, and the stack traces behind its errors. */
    static LogSystem spring() {
        String exec = "${iso} ${level} 1 --- [nio-8080-exec-${small}] ";
        String main = "${iso} ${level} 1 --- [           main] ";
        List<Template> ts = List.of(
                t(
                        "E1",
                        2,
                        main.replace("${level}", " INFO")
                                + "o.s.b.w.embedded.tomcat.TomcatWebServer  : Tomcat initialized with port(s): ${port} (http)"),
                t(
                        "E2",
                        2,
                        main.replace("${level}", " INFO")
                                + "o.apache.catalina.core.StandardService   : Starting service [Tomcat]"),
                t(
                        "E3",
                        2,
                        main.replace("${level}", " INFO")
                                + "c.e.checkout.CheckoutApplication         : Started CheckoutApplication in ${secs} seconds (process running for ${secs})"),
                t(
                        "E4",
                        2,
                        main.replace("${level}", " INFO")
                                + "com.zaxxer.hikari.HikariDataSource       : HikariPool-1 - Start completed."),
                t(
                        "E5",
                        2,
                        main.replace("${level}", " INFO")
                                + "o.s.b.a.e.web.EndpointLinksResolver      : Exposing ${small} endpoint(s) beneath base path '/actuator'"),
                t(
                        "E6",
                        60,
                        exec.replace("${level}", " INFO")
                                + "c.e.checkout.web.OrderController         : Order ${int} created for customer ${user} with ${small} items, total ${money} EUR"),
                t(
                        "E7",
                        80,
                        exec.replace("${level}", "DEBUG")
                                + "c.e.checkout.web.OrderController         : Fetching order ${int}"),
                t(
                        "E8",
                        25,
                        exec.replace("${level}", " WARN")
                                + "c.e.checkout.payment.PaymentClient       : Payment provider answered ${status} for order ${int} after ${ms} ms, retrying (${small}/3)"),
                t(
                        "E9",
                        12,
                        exec.replace("${level}", "ERROR")
                                + "c.e.checkout.payment.PaymentClient       : Payment for order ${int} failed"),
                t(
                        "E10",
                        10,
                        exec.replace("${level}", " WARN")
                                + "o.h.engine.jdbc.spi.SqlExceptionHelper   : SQL Error: 0, SQLState: ${sqlstate}"),
                t(
                        "E11",
                        10,
                        exec.replace("${level}", "ERROR")
                                + "o.h.engine.jdbc.spi.SqlExceptionHelper   : ERROR: could not serialize access due to concurrent update"),
                t(
                        "E12",
                        8,
                        "${iso}  WARN 1 --- [onnection adder] com.zaxxer.hikari.pool.HikariPool        : HikariPool-1 - Connection is not available, request timed out after ${ms}ms."),
                t(
                        "E13",
                        4,
                        "${iso}  WARN 1 --- [l-1 housekeeper] com.zaxxer.hikari.pool.HikariPool        : HikariPool-1 - Thread starvation or clock leap detected (housekeeper delta=${javadur})."),
                t(
                        "E14",
                        40,
                        exec.replace("${level}", " INFO")
                                + "c.e.checkout.cart.CartService            : Cart ${uuid} of user ${user} updated: ${small} items"),
                t(
                        "E15",
                        50,
                        exec.replace("${level}", "DEBUG")
                                + "c.e.checkout.cart.CartService            : Loaded cart ${uuid} from ${cachesource} in ${ms} ms"),
                t(
                        "E16",
                        6,
                        "${iso}  INFO 1 --- [   scheduling-1] c.e.checkout.jobs.ExpiredCartsJob        : Removed ${int} expired carts older than ${javadur}"),
                t(
                        "E17",
                        15,
                        "${iso}  INFO 1 --- [ntainer#0-0-C-1] o.a.k.c.c.internals.ConsumerCoordinator  : [Consumer clientId=consumer-checkout-${small}, groupId=checkout] Setting offset for partition orders-${small} to the committed offset FetchPosition{offset=${int}, offsetEpoch=Optional.empty, currentLeader=LeaderAndEpoch{leader=Optional[${ip}:9092 (id: ${small} rack: null)], epoch=${small}}}"),
                t(
                        "E18",
                        5,
                        "${iso}  INFO 1 --- [ntainer#0-0-C-1] o.a.k.c.c.internals.ConsumerCoordinator  : [Consumer clientId=consumer-checkout-${small}, groupId=checkout] Revoke previously assigned partitions orders-${small}, orders-${small}"),
                t(
                        "E19",
                        20,
                        exec.replace("${level}", " WARN")
                                + "c.e.checkout.web.GlobalExceptionHandler  : Validation failed for ${method} ${path}: field '${field}' ${constraint}"),
                t(
                        "E20",
                        70,
                        exec.replace("${level}", " INFO")
                                + "c.e.checkout.web.RequestLoggingFilter    : ${method} ${path} -> ${status} in ${ms}ms"),
                t(
                        "E21",
                        6,
                        exec.replace("${level}", " WARN")
                                + ".m.m.a.ExceptionHandlerExceptionResolver : Resolved [org.springframework.web.HttpRequestMethodNotSupportedException: Request method '${method}' is not supported]"),
                t(
                        "E22",
                        30,
                        exec.replace("${level}", "DEBUG")
                                + "c.e.checkout.auth.JwtFilter              : Authenticated user ${user} with roles [${roles}]"),
                t(
                        "E23",
                        8,
                        exec.replace("${level}", "ERROR")
                                + "c.e.checkout.inventory.InventoryClient   : Inventory unavailable at ${url}, circuit breaker is ${breaker}"),
                t(
                        "E24",
                        4,
                        exec.replace("${level}", "ERROR")
                                + "o.a.c.c.C.[.[.[/].[dispatcherServlet]    : Servlet.service() for servlet [dispatcherServlet] threw exception"),
                // stack trace lines, only ever after E9 or E24
                t(
                        "E25",
                        0,
                        "org.springframework.web.client.ResourceAccessException: I/O error on POST request for \"${url}\": ${ioerror}"),
                t("E26", 0, "\tat ${frame}"),
                t("E27", 0, "Caused by: java.net.SocketTimeoutException: Read timed out"),
                t("E28", 0, "Caused by: java.net.ConnectException: Connection refused"),
                t("E29", 0, "\t... ${int} common frames omitted"),
                t(
                        "E30",
                        0,
                        "org.springframework.dao.DataIntegrityViolationException: could not execute statement; SQL [n/a]; constraint [${table}_pkey]"),
                t(
                        "E31",
                        0,
                        "Caused by: org.postgresql.util.PSQLException: ERROR: duplicate key value violates unique constraint \"${table}_pkey\""),
                t("E32", 0, "  Detail: Key (id)=(${int}) already exists."));
        return new LogSystem("spring", ts, (drawn, r) -> {
            if (!drawn.id().equals("E9") && !drawn.id().equals("E24")) {
                return List.of(drawn);
            }
            List<Template> block = new ArrayList<>();
            block.add(drawn);
            boolean io = r.nextBoolean();
            block.add(byId(ts, io ? "E25" : "E30"));
            frames(ts, block, r, 4 + r.nextInt(12));
            block.add(byId(ts, io ? (r.nextBoolean() ? "E27" : "E28") : "E31"));
            if (!io) {
                block.add(byId(ts, "E32"));
            }
            frames(ts, block, r, 2 + r.nextInt(6));
            block.add(byId(ts, "E29"));
            return block;
        });
    }

    private static void frames(List<Template> ts, List<Template> block, Random r, int n) {
        for (int i = 0; i < n; i++) {
            block.add(byId(ts, "E26"));
        }
    }

    private static Template byId(List<Template> ts, String id) {
        return ts.stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    }

    /** nginx: the combined access log with request times, and the error log. */
    static LogSystem nginx() {
        String err = "${nginxerrts} [error] 29#29: *${int} ";
        String req = ", client: ${ip}, server: ${server}, request: \"${method} ${path} HTTP/1.1\"";
        List<Template> ts = List.of(
                t(
                        "N1",
                        300,
                        "${ip} - ${ruser} [${nginxts}] \"${method} ${path} HTTP/${httpv}\" ${status} ${int} \"${referer}\" \"${agent}\" ${rt} ${rt}"),
                t(
                        "N2",
                        30,
                        err + "connect() failed (111: Connection refused) while connecting to upstream" + req
                                + ", upstream: \"http://${ip}:8080${path}\", host: \"${server}\""),
                t(
                        "N3",
                        30,
                        err
                                + "upstream timed out (110: Connection timed out) while reading response header from upstream"
                                + req + ", upstream: \"http://${ip}:8080${path}\", host: \"${server}\""),
                t(
                        "N4",
                        15,
                        "${nginxerrts} [warn] 29#29: *${int} an upstream response is buffered to a temporary file /var/cache/nginx/proxy_temp/${small}/${int}/${int} while reading upstream"
                                + req + ", upstream: \"http://${ip}:8080${path}\", host: \"${server}\""),
                t(
                        "N5",
                        25,
                        err
                                + "open() \"/usr/share/nginx/html/${file}\" failed (2: No such file or directory), client: ${ip}, server: ${server}, request: \"GET /${file} HTTP/1.1\", host: \"${server}\"${referrer}"),
                t("N6", 3, "${nginxerrts} [notice] 1#1: signal process started"),
                t("N7", 3, "${nginxerrts} [notice] 1#1: signal 1 (SIGHUP) received from ${pid}, reconfiguring"),
                t("N8", 3, "${nginxerrts} [notice] 1#1: reconfiguring"),
                t("N9", 3, "${nginxerrts} [notice] 1#1: using the \"epoll\" event method"),
                t("N10", 6, "${nginxerrts} [notice] 1#1: start worker process ${pid}"),
                t(
                        "N11",
                        12,
                        "${nginxerrts} [warn] 29#29: *${int} a client request body is buffered to a temporary file /var/cache/nginx/client_temp/${int}"
                                + req + ", host: \"${server}\""),
                t(
                        "N12",
                        25,
                        err + "limiting requests, excess: ${float} by zone \"${zone}\"" + req
                                + ", host: \"${server}\""),
                t("N13", 20, "${nginxerrts} [info] 29#29: *${int} client ${ip} closed keepalive connection"),
                t(
                        "N14",
                        10,
                        "${nginxerrts} [info] 29#29: *${int} SSL_do_handshake() failed (SSL: error:0A00006C:SSL routines::bad key share) while SSL handshaking, client: ${ip}, server: 0.0.0.0:443"),
                t(
                        "N15",
                        12,
                        err
                                + "recv() failed (104: Connection reset by peer) while reading response header from upstream"
                                + req + ", upstream: \"http://${ip}:8080${path}\", host: \"${server}\""),
                t(
                        "N16",
                        8,
                        "${nginxerrts} [warn] 29#29: *${int} upstream server temporarily disabled while connecting to upstream"
                                + req + ", upstream: \"http://${ip}:8080${path}\", host: \"${server}\""),
                t(
                        "N17",
                        8,
                        "${nginxerrts} [crit] 29#29: *${int} SSL_read() failed (SSL: error:0A000126:SSL routines::unexpected eof while reading) while keepalive, client: ${ip}, server: 0.0.0.0:443"),
                t(
                        "N18",
                        10,
                        err + "no live upstreams while connecting to upstream" + req
                                + ", upstream: \"http://${upstream}${path}\", host: \"${server}\""),
                t("N19", 2, "${nginxerrts} [warn] 1#1: conflicting server name \"${server}\" on 0.0.0.0:80, ignored"),
                t("N20", 2, "${nginxerrts} [emerg] 1#1: bind() to 0.0.0.0:80 failed (98: Address already in use)"),
                t(
                        "N21",
                        15,
                        "${nginxerrts} [info] 29#29: *${int} client closed connection while waiting for request, client: ${ip}, server: 0.0.0.0:80"),
                t(
                        "N22",
                        10,
                        err
                                + "access forbidden by rule, client: ${ip}, server: ${server}, request: \"${method} ${path} HTTP/1.1\", host: \"${server}\""),
                t(
                        "N23",
                        10,
                        "${nginxerrts} [error] 29#29: *${int} upstream prematurely closed connection while reading response header from upstream"
                                + req + ", upstream: \"http://${ip}:8080${path}\", host: \"${server}\""));
        return new LogSystem("nginx", ts, (drawn, r) -> List.of(drawn));
    }

    /** PostgreSQL 16 with {@code log_line_prefix = '%m [%p] %q%u@%d '} and slow statements logged. */
    static LogSystem postgres() {
        String bg = "${spacets} UTC [${pid}] ";
        String s = "${spacets} UTC [${pid}] ${user}@${db} ";
        List<Template> ts = List.of(
                t("P1", 15, bg + "LOG:  checkpoint starting: time"),
                t(
                        "P2",
                        15,
                        bg
                                + "LOG:  checkpoint complete: wrote ${int} buffers (${pct}%); 0 WAL file(s) added, 0 removed, ${small} recycled; write=${secs} s, sync=${secs} s, total=${secs} s; sync files=${int}, longest=${secs} s, average=${secs} s; distance=${int} kB, estimate=${int} kB; lsn=${lsn}, redo lsn=${lsn}"),
                t(
                        "P3",
                        80,
                        "${spacets} UTC [${pid}] [unknown]@[unknown] LOG:  connection received: host=${ip} port=${port}"),
                t("P4", 70, s + "LOG:  connection authorized: user=${user} database=${db} application_name=${appname}"),
                t(
                        "P5",
                        70,
                        s
                                + "LOG:  disconnection: session time: ${pgsession} user=${user} database=${db} host=${ip} port=${port}"),
                t("P6", 20, s + "ERROR:  duplicate key value violates unique constraint \"${table}_pkey\""),
                t("P7", 20, s + "DETAIL:  Key (id)=(${int}) already exists."),
                t("P8", 30, s + "STATEMENT:  ${sql}"),
                t("P9", 90, s + "LOG:  duration: ${float} ms  statement: ${sql}"),
                t("P10", 15, s + "FATAL:  password authentication failed for user \"${user}\""),
                t(
                        "P11",
                        15,
                        s
                                + "DETAIL:  Connection matched file \"/etc/postgresql/16/main/pg_hba.conf\" line ${small}: \"host all all 0.0.0.0/0 scram-sha-256\""),
                t("P12", 12, s + "ERROR:  relation \"${table}\" does not exist at character ${int}"),
                t("P13", 4, s + "ERROR:  deadlock detected"),
                t(
                        "P14",
                        4,
                        s
                                + "DETAIL:  Process ${pid} waits for ShareLock on transaction ${int}; blocked by process ${pid}."),
                t("P15", 4, s + "HINT:  See server log for query details."),
                t("P16", 10, s + "ERROR:  canceling statement due to statement timeout"),
                t("P17", 12, bg + "LOG:  automatic vacuum of table \"${db}.public.${table}\": index scans: ${small}"),
                t("P18", 12, bg + "LOG:  automatic analyze of table \"${db}.public.${table}\""),
                t("P19", 6, s + "WARNING:  there is no transaction in progress"),
                t("P20", 3, s + "FATAL:  terminating connection due to administrator command"),
                t("P21", 10, s + "LOG:  could not receive data from client: Connection reset by peer"),
                t(
                        "P22",
                        4,
                        "${spacets} UTC [${pid}] ${user}@${db} FATAL:  remaining connection slots are reserved for roles with the SUPERUSER attribute"),
                t("P23", 8, s + "LOG:  temporary file: path \"base/pgsql_tmp/pgsql_tmp${pid}.${small}\", size ${int}"),
                t("P24", 8, s + "ERROR:  could not serialize access due to concurrent update"),
                t("P25", 2, bg + "LOG:  database system is ready to accept connections"),
                t("P26", 6, s + "FATAL:  role \"${user}\" does not exist"),
                t("P27", 4, s + "FATAL:  database \"${db}\" does not exist"));
        return new LogSystem("postgres", ts, (drawn, r) -> List.of(drawn));
    }

    /** The kubelet: klog headers, structured (quoted message, key=value) and older free-text messages. */
    static LogSystem kubelet() {
        String i = "I${klog}    ${tid} ";
        String w = "W${klog}    ${tid} ";
        String e = "E${klog}    ${tid} ";
        String pod = "pod=\"${ns}/${pod}\"";
        List<Template> ts = List.of(
                t("K1", 25, i + "kubelet.go:2458] \"SyncLoop ADD\" source=\"api\" pods=[\"${ns}/${pod}\"]"),
                t("K2", 60, i + "kubelet.go:2465] \"SyncLoop UPDATE\" source=\"api\" pods=[\"${ns}/${pod}\"]"),
                t("K3", 20, i + "kubelet.go:2474] \"SyncLoop DELETE\" source=\"api\" pods=[\"${ns}/${pod}\"]"),
                t(
                        "K4",
                        70,
                        i + "kubelet.go:2490] \"SyncLoop (PLEG): event for pod\" " + pod
                                + " event={\"ID\":\"${uuid}\",\"Type\":\"${plegtype}\",\"Data\":\"${hex64}\"}"),
                t(
                        "K5",
                        40,
                        e
                                + "pod_workers.go:1298] \"Error syncing pod, skipping\" err=\"failed to \\\"StartContainer\\\" for \\\"${app}\\\" with CrashLoopBackOff: \\\"back-off ${backoff} restarting failed container=${app} pod=${pod}_${ns}(${uuid})\\\"\" "
                                + pod + " podUID=\"${uuid}\""),
                t(
                        "K6",
                        50,
                        i + "prober.go:107] \"Probe failed\" probeType=\"${probe}\" " + pod
                                + " podUID=\"${uuid}\" containerName=\"${app}\" probeResult=\"failure\" output=\"Get \\\"http://${ip}:${port}/healthz\\\": dial tcp ${ip}:${port}: connect: connection refused\""),
                t(
                        "K7",
                        20,
                        i + "kuberuntime_container.go:779] \"Killing container with a grace period\" " + pod
                                + " podUID=\"${uuid}\" containerName=\"${app}\" containerID=\"containerd://${hex64}\" gracePeriod=${small}"),
                t(
                        "K8",
                        8,
                        i
                                + "eviction_manager.go:366] \"Eviction manager: attempting to reclaim\" resourceName=\"${resource}\""),
                t(
                        "K9",
                        8,
                        i
                                + "eviction_manager.go:377] \"Eviction manager: must evict pod(s) to reclaim\" resourceName=\"${resource}\""),
                t(
                        "K10",
                        8,
                        i
                                + "eviction_manager.go:395] \"Eviction manager: pods ranked for eviction\" pods=[${podlist}]"),
                t(
                        "K11",
                        15,
                        w
                                + "watcher.go:93] Error while processing event (\"/sys/fs/cgroup/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod${uuid}.slice\": 0x40000100 == IN_CREATE|IN_ISDIR): inotify_add_watch /sys/fs/cgroup/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod${uuid}.slice: no such file or directory"),
                t(
                        "K12",
                        40,
                        i
                                + "reconciler_common.go:258] \"operationExecutor.VerifyControllerAttachedVolume started for volume \\\"${volume}\\\" (UniqueName: \\\"kubernetes.io/projected/${uuid}-${volume}\\\") pod \\\"${pod}\\\" (UID: \\\"${uuid}\\\") \" "
                                + pod),
                t("K13", 2, i + "kubelet_node_status.go:73] \"Attempting to register node\" node=\"${node}\""),
                t("K14", 2, i + "kubelet_node_status.go:76] \"Successfully registered node\" node=\"${node}\""),
                t(
                        "K15",
                        6,
                        e
                                + "kubelet.go:2855] \"Container runtime network not ready\" networkReady=\"NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized\""),
                t("K16", 20, i + "log.go:245] http: TLS handshake error from ${ip}:${port}: EOF"),
                t(
                        "K17",
                        10,
                        e
                                + "remote_runtime.go:176] \"RunPodSandbox from runtime service failed\" err=\"rpc error: code = Unknown desc = failed to setup network for sandbox \\\"${hex64}\\\": plugin type=\\\"calico\\\" failed (add): error getting ClusterInformation: connection is unauthorized: Unauthorized\""),
                t("K18", 30, i + "scope.go:117] \"RemoveContainer\" containerID=\"${hex64}\""),
                t(
                        "K19",
                        10,
                        e
                                + "pod_workers.go:1300] \"Unable to attach or mount volumes for pod; skipping pod\" err=\"unmounted volumes=[${volume}], unattached volumes=[${volumes}]: timed out waiting for the condition\" "
                                + pod),
                t(
                        "K20",
                        25,
                        i
                                + "topology_manager.go:215] \"Topology Admit Handler\" podUID=\"${uuid}\" podNamespace=\"${ns}\" podName=\"${pod}\""),
                t(
                        "K21",
                        25,
                        i + "pod_startup_latency_tracker.go:102] \"Observed pod startup duration\" " + pod
                                + " podStartSLOduration=${float} podStartE2EDuration=\"${godur}\" podCreationTimestamp=\"${iso}\" firstStartedPulling=\"${iso}\" lastFinishedPulling=\"${iso}\" observedRunningTime=\"${iso}\" watchObservedRunningTime=\"${iso}\""),
                t(
                        "K22",
                        10,
                        i + "kubelet.go:2561] \"SyncLoop (probe)\" probe=\"${probe}\" status=\"${probestatus}\" "
                                + pod),
                t(
                        "K23",
                        6,
                        w
                                + "reflector.go:539] object-\"${ns}\"/\"${app}-config\": failed to list *v1.ConfigMap: configmaps \"${app}-config\" is forbidden: User \"system:node:${node}\" cannot list resource \"configmaps\" in API group \"\" in the namespace \"${ns}\": no relationship found between node '${node}' and this object"));
        return new LogSystem("kubelet", ts, (drawn, r) -> List.of(drawn));
    }

    /** Linux syslog (RFC 3164 lines as rsyslog writes them): sshd, PAM, systemd, cron, sudo and the kernel. */
    static LogSystem syslog() {
        String h = "${syslog} ${host} ";
        String sshd = h + "sshd[${pid}]: ";
        List<Template> ts = List.of(
                t(
                        "S1",
                        40,
                        sshd + "Accepted publickey for ${user} from ${ip} port ${port} ssh2: ED25519 SHA256:${b64}"),
                t("S2", 15, sshd + "Accepted password for ${user} from ${ip} port ${port} ssh2"),
                t("S3", 40, sshd + "Failed password for ${user} from ${ip} port ${port} ssh2"),
                t("S4", 50, sshd + "Failed password for invalid user ${user} from ${ip} port ${port} ssh2"),
                t("S5", 50, sshd + "Invalid user ${user} from ${ip} port ${port}"),
                t("S6", 40, sshd + "Received disconnect from ${ip} port ${port}:11: Bye Bye [preauth]"),
                t("S7", 30, sshd + "Disconnected from authenticating user ${user} ${ip} port ${port} [preauth]"),
                t("S8", 40, sshd + "Connection closed by ${ip} port ${port} [preauth]"),
                t("S9", 40, sshd + "pam_unix(sshd:session): session opened for user ${user}(uid=${uid}) by (uid=0)"),
                t("S10", 40, sshd + "pam_unix(sshd:session): session closed for user ${user}"),
                t(
                        "S11",
                        20,
                        sshd
                                + "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=${ip}  user=${user}"),
                t(
                        "S12",
                        20,
                        sshd
                                + "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=${ip}"),
                t(
                        "S13",
                        25,
                        h + "CRON[${pid}]: pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)"),
                t("S14", 25, h + "CRON[${pid}]: (${user}) CMD (${cmd})"),
                t("S15", 25, h + "systemd[1]: Started Session ${int} of User ${user}."),
                t("S16", 25, h + "systemd-logind[${pid}]: New session ${int} of user ${user}."),
                t("S17", 20, h + "systemd-logind[${pid}]: Session ${int} logged out. Waiting for processes to exit."),
                t("S18", 20, h + "systemd-logind[${pid}]: Removed session ${int}."),
                t("S19", 5, h + "systemd[1]: Starting Daily apt upgrade and clean activities..."),
                t("S20", 20, h + "systemd[1]: ${unit}: Deactivated successfully."),
                t(
                        "S21",
                        4,
                        h
                                + "kernel: [${uptime}] Out of memory: Killed process ${pid} (${comm}) total-vm:${int}kB, anon-rss:${int}kB, file-rss:${int}kB, shmem-rss:0kB, UID:${uid} pgtables:${int}kB oom_score_adj:${int}"),
                t(
                        "S22",
                        15,
                        h
                                + "sudo: ${user} : TTY=pts/${small} ; PWD=/home/${user} ; USER=root ; COMMAND=/usr/bin/systemctl restart ${unit}"),
                t("S23", 15, sshd + "error: kex_exchange_identification: Connection closed by remote host"),
                t(
                        "S24",
                        8,
                        sshd
                                + "Unable to negotiate with ${ip} port ${port}: no matching key exchange method found. Their offer: ${kexlist} [preauth]"),
                t(
                        "S25",
                        10,
                        h
                                + "kernel: [${uptime}] [UFW BLOCK] IN=eth0 OUT= MAC=${mac} SRC=${ip} DST=${ip} LEN=${int} TOS=0x00 PREC=0x00 TTL=${small} ID=${int} PROTO=TCP SPT=${port} DPT=${port} WINDOW=${int} RES=0x00 SYN URGP=0"));
        return new LogSystem("syslog", ts, (drawn, r) -> List.of(drawn));
    }

    /** A Go service: logfmt lines from log/slog and JSON lines from a zap-logging sidecar. */
    static LogSystem goService() {
        String lf = "time=${rfc3339} level=";
        String zap = "{\"level\":\"";
        List<Template> ts = List.of(
                t(
                        "G1",
                        120,
                        lf
                                + "INFO msg=\"request completed\" method=${method} path=${path} status=${status} duration=${godur} bytes=${int} request_id=${uuid}"),
                t("G2", 2, lf + "INFO msg=\"starting server\" addr=:${port} version=${version}"),
                t("G3", 20, lf + "WARN msg=\"slow query\" query=${query} duration=${godur} rows=${int}"),
                t(
                        "G4",
                        25,
                        lf + "ERROR msg=\"upstream request failed\" upstream=${app} err=\"${goerr}\" attempt=${small}"),
                t("G5", 40, lf + "DEBUG msg=\"cache miss\" key=cart:${uuid}"),
                t("G6", 15, lf + "DEBUG msg=\"acquired lock\" name=${lock} holder=${host} ttl=${godur}"),
                t("G7", 30, lf + "INFO msg=\"user logged in\" user=${user} method=${authmethod} ip=${ip}"),
                t("G8", 15, lf + "WARN msg=\"rate limit exceeded\" client=${user} limit=${int} window=${godur}"),
                t(
                        "G9",
                        6,
                        lf
                                + "INFO msg=\"consumer group rebalanced\" group=${app}-consumers topic=${topic} partitions=[${partitions}]"),
                t(
                        "G10",
                        3,
                        lf
                                + "ERROR msg=\"panic recovered\" err=\"runtime error: invalid memory address or nil pointer dereference\" path=${path}"),
                t("G11", 4, lf + "INFO msg=\"config reloaded\" file=/etc/app/${configfile} checksum=${hex16}"),
                t("G12", 20, lf + "INFO msg=\"health check\" status=${health} checks=${small}"),
                t("G13", 15, lf + "INFO msg=\"order shipped\" order=${int} carrier=${carrier} city=${city}"),
                t(
                        "J1",
                        80,
                        zap
                                + "info\",\"ts\":${epoch},\"caller\":\"grpc/server.go:214\",\"msg\":\"finished unary call\",\"grpc.method\":\"${grpcmethod}\",\"grpc.code\":\"${grpccode}\",\"grpc.time_ms\":${float}}"),
                t(
                        "J2",
                        20,
                        zap
                                + "warn\",\"ts\":${epoch},\"caller\":\"retry/retry.go:77\",\"msg\":\"retrying request\",\"attempt\":${small},\"backoff\":\"${godur}\",\"error\":\"${goerr}\"}"),
                t(
                        "J3",
                        60,
                        zap
                                + "info\",\"ts\":${epoch},\"caller\":\"consumer/loop.go:132\",\"msg\":\"message processed\",\"topic\":\"${topic}\",\"partition\":${small},\"offset\":${int},\"key\":\"${uuid}\"}"),
                t(
                        "J4",
                        10,
                        zap
                                + "error\",\"ts\":${epoch},\"caller\":\"producer/publish.go:58\",\"msg\":\"failed to publish event\",\"topic\":\"${topic}\",\"error\":\"${goerr}\"}"),
                t(
                        "J5",
                        25,
                        zap
                                + "info\",\"ts\":${epoch},\"caller\":\"orders/service.go:201\",\"msg\":\"Order ${int} shipped to ${city} by ${carrier}\"}"),
                t(
                        "J6",
                        30,
                        zap
                                + "debug\",\"ts\":${epoch},\"caller\":\"otel/exporter.go:95\",\"msg\":\"spans exported\",\"trace_id\":\"${hex32}\",\"span_id\":\"${hex16}\",\"spans\":${small}}"),
                t(
                        "J7",
                        3,
                        zap
                                + "info\",\"ts\":${epoch},\"caller\":\"db/pool.go:40\",\"msg\":\"connected to database\",\"host\":\"${host}\",\"db\":\"${db}\",\"pool_size\":${small}}"),
                t(
                        "J8",
                        20,
                        zap
                                + "error\",\"ts\":${epoch},\"caller\":\"http/middleware.go:66\",\"msg\":\"request failed\",\"method\":\"${method}\",\"path\":\"${path}\",\"status\":${status},\"error\":\"${goerr}\"}"),
                t(
                        "J9",
                        2,
                        zap
                                + "info\",\"ts\":${epoch},\"caller\":\"app/main.go:88\",\"msg\":\"shutting down\",\"signal\":\"${signal}\"}"),
                t(
                        "J10",
                        10,
                        zap
                                + "warn\",\"ts\":${epoch},\"caller\":\"http/deprecation.go:31\",\"msg\":\"deprecated API called\",\"endpoint\":\"${path}\",\"client\":\"${user}\"}"));
        return new LogSystem("gosvc", ts, (drawn, r) -> List.of(drawn));
    }

    /** Values only some systems use. */
    static String value(String name, Random r, Values v) {
        return switch (name) {
            case "level" -> " INFO";
            case "sqlstate" -> v.pick(List.of("08006", "40001", "23505", "57014"));
            case "javadur" -> "PT" + r.nextInt(90) + "." + r.nextInt(1000) + "S";
            case "cachesource" -> v.pick(List.of("redis", "memory", "database"));
            case "field" -> v.pick(List.of("email", "shippingAddress", "quantity", "couponCode", "phone"));
            case "constraint" -> v.pick(List.of(
                    "must not be blank",
                    "must be a well-formed email address",
                    "must be greater than 0",
                    "size must be between 1 and 64",
                    "must match \"[A-Z0-9]{8}\""));
            case "roles" -> String.join(", ", pickSome(r, v, List.of("ROLE_USER", "ROLE_ADMIN", "ROLE_SUPPORT"), 1));
            case "url" -> "http://" + v.pick(List.of("inventory", "payments", "psp.example.com")) + ":8080/api/v1/"
                    + v.pick(List.of("stock", "charges", "reservations"));
            case "breaker" -> v.pick(List.of("OPEN", "HALF_OPEN"));
            case "ioerror" -> v.pick(List.of("Read timed out", "Connection refused", "connect timed out"));
            case "frame" -> v.pick(FRAMES);
            case "ruser" -> r.nextInt(6) == 0 ? v.pick(List.of("alice", "bob", "deploy")) : "-";
            case "httpv" -> v.pick(List.of("1.1", "1.1", "2.0", "1.0"));
            case "referer" -> r.nextBoolean() ? "-" : "https://shop.example.com" + v.fill("${path}");
            case "rt" -> String.format(Locale.ROOT, "%.3f", r.nextDouble() * (r.nextInt(10) == 0 ? 30 : 0.5));
            case "server" -> v.pick(List.of("shop.example.com", "api.example.com", "admin.example.com", "localhost"));
            case "file" -> v.pick(List.of(
                    "favicon.ico",
                    "robots.txt",
                    "wp-login.php",
                    ".env",
                    "apple-touch-icon.png",
                    "static/js/main.js.map"));
            case "referrer" -> r.nextInt(3) == 0 ? ", referrer: \"https://shop.example.com/\"" : "";
            case "zone" -> v.pick(List.of("api_limit", "login", "perip"));
            case "upstream" -> v.pick(List.of("backend", "checkout_upstream", "payments"));
            case "lsn" -> Integer.toHexString(r.nextInt(16)).toUpperCase(Locale.ROOT) + "/"
                    + Integer.toHexString(r.nextInt()).toUpperCase(Locale.ROOT);
            case "appname" -> v.pick(List.of("psql", "checkout", "PostgreSQL JDBC Driver", "pgbouncer", "\"\""));
            case "pgsession" -> r.nextInt(3) + ":"
                    + String.format(Locale.ROOT, "%02d:%06.3f", r.nextInt(60), r.nextDouble() * 60);
            case "sql" -> sql(r, v);
            case "tid" -> Integer.toString(1000 + r.nextInt(9000));
            case "plegtype" -> v.pick(List.of("ContainerStarted", "ContainerDied"));
            case "backoff" -> v.pick(List.of("10s", "20s", "40s", "1m20s", "2m40s", "5m0s"));
            case "probe" -> v.pick(List.of("Readiness", "Liveness", "Startup"));
            case "probestatus" -> v.pick(List.of("ready", "unhealthy", "started", ""));
            case "resource" -> v.pick(List.of("memory", "ephemeral-storage", "pids"));
            case "podlist" -> String.join(
                    " ",
                    pickSome(
                            r,
                            v,
                            List.of(
                                    v.fill("\"${ns}/${pod}\""),
                                    v.fill("\"${ns}/${pod}\""),
                                    v.fill("\"${ns}/${pod}\""),
                                    v.fill("\"${ns}/${pod}\"")),
                            1));
            case "volume" -> v.pick(List.of("kube-api-access-" + v.podHash(5), "config", "data", "tls-certs"));
            case "volumes" -> String.join(
                    " ", pickSome(r, v, List.of("config", "data", "tls-certs", "kube-api-access-" + v.podHash(5)), 1));
            case "cmd" -> v.pick(List.of(
                    "command -v debian-sa1 > /dev/null && debian-sa1 1 1",
                    "/usr/local/bin/backup.sh",
                    "cd / && run-parts --report /etc/cron.hourly",
                    "[ -x /usr/lib/php/sessionclean ] && if [ ! -d /run/systemd/system ]; then /usr/lib/php/sessionclean; fi",
                    "/usr/bin/certbot renew --quiet"));
            case "unit" -> v.pick(List.of(
                    "apt-daily.service",
                    "logrotate.service",
                    "man-db.service",
                    "phpsessionclean.service",
                    "fstrim.service",
                    "nginx.service"));
            case "comm" -> v.pick(List.of("java", "postgres", "node", "python3", "chrome"));
            case "kexlist" -> v.pick(List.of(
                    "diffie-hellman-group14-sha1,diffie-hellman-group1-sha1",
                    "diffie-hellman-group-exchange-sha1",
                    "ecdh-sha2-nistp256,diffie-hellman-group14-sha1"));
            case "mac" -> v.hex(2) + ":" + v.hex(2) + ":" + v.hex(2) + ":" + v.hex(2) + ":" + v.hex(2) + ":" + v.hex(2)
                    + ":" + v.hex(2) + ":" + v.hex(2) + ":08:00";
            case "version" -> "v1." + r.nextInt(20) + "." + r.nextInt(10);
            case "query" -> v.pick(List.of("GetOrder", "ListCarts", "SearchProducts", "UpdateStock", "FindUser"));
            case "lock" -> v.pick(List.of("stock-reconciler", "invoice-runner", "cart-sweeper"));
            case "authmethod" -> v.pick(List.of("password", "oidc", "api-key"));
            case "topic" -> v.pick(List.of("orders", "payments.events", "inventory-updates", "audit"));
            case "partitions" -> String.join(" ", pickSome(r, v, List.of("0", "1", "2", "3", "4", "5"), 1));
            case "configfile" -> v.pick(List.of("config.yaml", "features.json", "routes.yaml"));
            case "health" -> v.pick(List.of("ok", "degraded"));
            case "carrier" -> v.pick(List.of("dhl", "ups", "fedex", "postnl"));
            case "city" -> v.pick(List.of("Berlin", "Lyon", "Porto", "Utrecht", "Krakow", "Turin", "Ghent"));
            case "grpcmethod" -> v.pick(List.of(
                    "/orders.v1.Orders/GetOrder",
                    "/orders.v1.Orders/CreateOrder",
                    "/cart.v1.Cart/AddItem",
                    "/grpc.health.v1.Health/Check"));
            case "grpccode" -> v.pick(List.of("OK", "OK", "OK", "NotFound", "Unavailable", "DeadlineExceeded"));
            case "signal" -> v.pick(List.of("terminated", "interrupt"));
            default -> throw new IllegalArgumentException("no value for ${" + name + "}");
        };
    }

    private static List<String> pickSome(Random r, Values v, List<String> from, int min) {
        List<String> out = new ArrayList<>();
        for (String s : from) {
            if (r.nextInt(3) == 0) {
                out.add(s);
            }
        }
        while (out.size() < min) {
            out.add(v.pick(from));
        }
        return out;
    }

    private static String sql(Random r, Values v) {
        String table = v.fill("${table}");
        return switch (r.nextInt(6)) {
            case 0 -> "SELECT * FROM " + table + " WHERE id = " + r.nextInt(100_000);
            case 1 -> "SELECT id, status, created_at FROM " + table + " WHERE customer_id = $1 AND status = $2 ORDER"
                    + " BY created_at DESC LIMIT 50";
            case 2 -> "UPDATE " + table + " SET status = 'paid', updated_at = now() WHERE id = " + r.nextInt(100_000);
            case 3 -> "INSERT INTO " + table + " (id, customer_id, total) VALUES ($1, $2, $3)";
            case 4 -> "DELETE FROM sessions WHERE expires_at < now()";
            default -> "COMMIT";
        };
    }

    private static final List<String> FRAMES = List.of(
            "org.springframework.web.client.RestTemplate.doExecute(RestTemplate.java:905)",
            "org.springframework.web.client.RestTemplate.execute(RestTemplate.java:801)",
            "com.example.checkout.payment.PaymentClient.charge(PaymentClient.java:88)",
            "com.example.checkout.web.OrderController.pay(OrderController.java:142)",
            "java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)",
            "java.base/java.lang.reflect.Method.invoke(Method.java:580)",
            "org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:885)",
            "org.apache.catalina.core.ApplicationFilterChain.doFilter(ApplicationFilterChain.java:158)",
            "org.apache.tomcat.util.threads.ThreadPoolExecutor$Worker.run(ThreadPoolExecutor.java:659)",
            "java.base/java.lang.Thread.run(Thread.java:1583)",
            "java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:278)",
            "java.base/java.net.Socket$SocketInputStream.read(Socket.java:1099)",
            "jdk.proxy2/jdk.proxy2.$Proxy142.charge(Unknown Source)",
            "java.base/jdk.internal.misc.Unsafe.park(Native Method)",
            "org.hibernate.engine.jdbc.spi.SqlExceptionHelper.convert(SqlExceptionHelper.java:95)",
            "org.postgresql.core.v3.QueryExecutorImpl.receiveErrorResponse(QueryExecutorImpl.java:2725)");
}
