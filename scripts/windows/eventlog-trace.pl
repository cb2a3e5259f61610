#!/usr/bin/perl
# Reads a Wine trace taken with WINEDEBUG=+eventlog,fixme+advapi and prints each event the program wrote
# to the Windows event log, one a line: SOURCE, ID (decimal), TYPE (information, warning, error), the
# message's lines joined by " / " — decoded from Wine's escapes (\XXXX is a UTF-16 unit).
# Wine 10's advapi32 traces RegisterEventSourceW with the source name, ReportEventW with its arguments, then
# the insertion strings on the eventlog channel, one trace line per line of text, on the same thread.
#   eventlog-trace.pl TRACE
use strict;
use warnings;
binmode STDOUT, ':encoding(UTF-8)';

my %types = (1 => 'error', 2 => 'warning', 4 => 'information', 0 => 'success');
my (%source, %open, @events);

sub decode {
    my ($text) = @_;
    $text =~ s{\\(?:([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|(.))}{
        defined $1 ? chr(hex $1) : defined $2 ? chr(hex $2)
        : $3 eq 'r' ? "\r" : $3 eq 'n' ? "\n" : $3 eq 't' ? "\t" : $3
    }ge;
    return $text;
}

while (my $line = <>) {
    chomp $line;
    if ($line =~ /^([0-9a-f]+):fixme:advapi:RegisterEventSourceW \(.*?,L"(.*)"\): stub/) {
        $source{$1} = decode($2);
    } elsif ($line =~ /^([0-9a-f]+):fixme:advapi:ReportEventW \([0-9A-Fa-f]+,0x([0-9a-f]{4}),0x[0-9a-f]{4},0x([0-9a-f]{8}),/) {
        push @events, { source => $source{$1} // '?', type => $types{hex $2} // "0x$2", id => hex $3, text => '' };
        $open{$1} = $events[-1];
    } elsif ($line =~ /^([0-9a-f]+):\w+:eventlog:ReportEventW L"(.*)"$/ && $open{$1}) {
        $open{$1}{text} .= decode($2);
    }
}
for my $event (@events) {
    my $text = $event->{text};
    $text =~ s/\r?\n$//;
    $text =~ s{\r?\n}{ / }g;
    print join("\t", $event->{source}, $event->{id}, $event->{type}, $text), "\n";
}
