#!/usr/bin/env python3
"""A stand-in ng server for the testpmd trials: testpmd has no control plane, so this answers
ping/offer/answer/delete like a relay would, with an SDP pointing at ADDRESS and a fresh even
port per media. testpmd (io forward) then carries every frame from A's link to B's and back,
so rtpgen's calls and accounting are identical for all three peers.

    fake_ng.py LISTEN_ADDR:PORT MEDIA_ADDRESS
"""
import socket, sys


def decode(b, i=0):
    c = b[i:i + 1]
    if c == b"d" or c == b"l":
        i += 1
        items = []
        while b[i:i + 1] != b"e":
            v, i = decode(b, i)
            items.append(v)
        i += 1
        return (dict(zip(items[::2], items[1::2])) if c == b"d" else items), i
    if c == b"i":
        end = b.index(b"e", i)
        return int(b[i + 1:end]), end + 1
    colon = b.index(b":", i)
    n = int(b[i:colon])
    return b[colon + 1:colon + 1 + n], colon + 1 + n


def encode(v):
    if isinstance(v, dict):
        return b"d" + b"".join(encode(k) + encode(v[k]) for k in sorted(v)) + b"e"
    if isinstance(v, str):
        v = v.encode()
    if isinstance(v, bytes):
        return str(len(v)).encode() + b":" + v
    return b"i%de" % v


def main():
    host, port = sys.argv[1].rsplit(":", 1)
    media = sys.argv[2]
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((host, int(port)))
    next_port = 10000
    while True:
        data, peer = s.recvfrom(65535)
        cookie, _, body = data.partition(b" ")
        try:
            request, _ = decode(body)
            command = request.get(b"command", b"")
        except (ValueError, IndexError):
            continue  # hostile or truncated: a real relay would answer an error; rtpgen never sends these
        if command == b"ping":
            reply = {b"result": b"pong"}
        elif command in (b"offer", b"answer"):
            sdp = (f"v=0\r\no=- 1 1 IN IP4 {media}\r\ns=-\r\nc=IN IP4 {media}\r\nt=0 0\r\n"
                   f"m=audio {next_port} RTP/AVP 0 8 101\r\na=rtpmap:101 telephone-event/8000\r\na=ptime:20\r\n")
            next_port = 10000 + (next_port - 10000 + 2) % 50000
            reply = {b"result": b"ok", b"sdp": sdp.encode()}
        else:
            reply = {b"result": b"ok"}
        s.sendto(cookie + b" " + encode(reply), peer)


if __name__ == "__main__":
    main()
