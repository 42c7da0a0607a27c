#!/usr/bin/env perl
# Move trunk's inline <script type="module"> (the wasm loader trunk 0.21 writes into
# dist/index.html) into a hashed external file, so that the console runs under a
# Content-Security-Policy without 'unsafe-inline' for scripts (deploy/nginx/gatewatch.conf.template,
# docs/security.md). Run after every `trunk build` (scripts/lib/build.sh, deploy/Dockerfile):
#
#   perl scripts/lib/externalize_loader.pl DIST_DIR
#
# DIST_DIR/loader-<16 hex of its sha256>.js gets the script's text; the inline element becomes
# <script type="module" src="/loader-<hash>.js" integrity="sha384-..."></script> (the name matches
# nginx's immutable-asset rule like trunk's own hashed files). Perl and its core modules only.
# Idempotent: a page without inline scripts is left as it is;
# fails if an inline script or an inline event handler attribute remains.
use strict;
use warnings;
use Digest::SHA qw(sha256_hex sha384_base64);

@ARGV == 1 or die "usage: externalize_loader.pl DIST_DIR\n";
my $dist  = $ARGV[0];
my $index = "$dist/index.html";
open my $in, '<:raw', $index or die "externalize_loader: $index: $!\n";
my $html = do { local $/; <$in> };
close $in;

my $moved = 0;
$html =~ s{<script(?<attrs>[^>]*)>(?<body>.*?)</script>}{
    my ($attrs, $body, $whole) = ($+{attrs}, $+{body}, $&);
    if ($attrs =~ /\bsrc\s*=/i) {
        $whole;    # already external
    } else {
        $attrs =~ /\btype\s*=\s*["']?module\b/i
            or die "externalize_loader: an inline script that is not type=module in $index\n";
        $body =~ s/^\n+//;
        $body =~ s/\s+$//;
        $body .= "\n";
        my $name = 'loader-' . substr(sha256_hex($body), 0, 16) . '.js';
        open my $out, '>:raw', "$dist/$name" or die "externalize_loader: $dist/$name: $!\n";
        print $out $body;
        close $out or die "externalize_loader: $dist/$name: $!\n";
        $moved++;
        my $sri = 'sha384-' . sha384_base64($body);    # 48 bytes: no base64 padding needed
        qq{<script type="module" src="/$name" integrity="$sri"></script>};
    }
}gsie;

while ($html =~ m{<script([^>]*)>}gi) {
    $1 =~ /\bsrc\s*=/i or die "externalize_loader: an inline script remains in $index\n";
}
(my $tags = $html) =~ s{<script\b.*?</script>}{}gsi;
$tags =~ /<[^>]*\son[a-z]+\s*=/i and die "externalize_loader: an inline event handler in $index\n";

if ($moved) {
    open my $out, '>:raw', "$index.tmp" or die "externalize_loader: $index.tmp: $!\n";
    print $out $html;
    close $out or die "externalize_loader: $index.tmp: $!\n";
    rename "$index.tmp", $index or die "externalize_loader: rename: $!\n";
}
print "externalize_loader: $moved inline script(s) moved to external files\n";
