#!/usr/bin/perl
# clean.pl MODE:FILE... - the byte-level check of tests/inject.t.
#
# Every FILE that exists must be valid UTF-8 (strictly: no surrogates, nothing
# past U+10FFFF) with no C0 control but newline, no DEL, no C1 control and no
# bidi control (U+202A-U+202E, U+2066-U+2069).  The MODE relaxes this for
# what a terminal itself is sent:
#   text    nothing more (stdout, stderr, saved files, what lp reads, dumps)
#   tty     carriage returns too (a pty turns "\n" into "\r\n")
#   screen  what curses writes: also tab, backspace, bell and ESC, but an ESC
#           may only start a CSI or a two-byte sequence, never an OSC, DCS,
#           SOS, PM or APC string (ESC ] P X ^ _), which content could use
#           to set the window title, the clipboard, links or keys.
# Prints one line per problem and exits 1 if there was any.
use strict;
use warnings;
use Encode qw(decode FB_CROAK);

my $bad = 0;

sub problem {
	my ($file, $what) = @_;
	print "$file: $what\n";
	$bad = 1;
}

for my $arg (@ARGV) {
	my ($mode, $file) = split /:/, $arg, 2;
	next unless -e $file;
	open my $fh, '<:raw', $file or do { problem($file, "cannot read: $!"); next };
	my $bytes = do { local $/; <$fh> } // '';
	close $fh;
	my $text = eval { decode('UTF-8', $bytes, FB_CROAK) };
	if (!defined $text) {
		problem($file, 'not valid UTF-8');
		next;
	}
	my %allowed = (0x0A => 1);
	$allowed{0x0D} = 1 if $mode eq 'tty' || $mode eq 'screen';
	@allowed{ 0x07, 0x08, 0x09, 0x1B } = (1) x 4 if $mode eq 'screen';
	for my $i (0 .. length($text) - 1) {
		my $c = ord substr($text, $i, 1);
		my $bidi = ($c >= 0x202A && $c <= 0x202E) || ($c >= 0x2066 && $c <= 0x2069);
		my $ctl = $c < 0x20 || ($c >= 0x7F && $c <= 0x9F);
		if ($bidi || ($ctl && !$allowed{$c})) {
			problem($file, sprintf('U+%04X at character %d', $c, $i));
			last;
		}
		if ($c == 0x1B && substr($text, $i + 1, 1) =~ /^[\]PX^_]$/) {
			problem($file, sprintf('ESC %s (a control string) at character %d',
					       substr($text, $i + 1, 1), $i));
			last;
		}
	}
}
exit $bad;
