# bench/scaling.png from the scaling table bench/run writes:
#   gnuplot -e "datafile='scaling.dat'; outfile='scaling.png'" bench/plot.gp
# Columns: scale MB modlint_s modlint_sd cat_s cat_sd modlint_rss_MB modlint_cpu_s
if (!exists("datafile")) datafile = 'scaling.dat'
if (!exists("outfile")) outfile = 'scaling.png'

set terminal pngcairo size 1100,480 font ",10"
set output outfile
set datafile commentschars "#"
# the 1x row, for the line of proportional growth
stats datafile using 2 nooutput
mb1 = STATS_min
stats datafile using ($2 == mb1 ? $3 : NaN) nooutput
t1 = STATS_max
stats datafile using 7 nooutput
rssmax = STATS_max

set multiplot layout 1,2 title "modlint on the corpus repeated N times (N symlink trees)"

set xlabel "input size (MB)"
set ylabel "time (s): wall mean ± σ; CPU"
set key top left
set grid
set xrange [0:*]
set yrange [0:*]
set title "time against input size"
plot datafile using 2:3:4 with yerrorlines lw 2 pt 7 title "modlint", \
     datafile using 2:5:6 with yerrorlines lw 2 pt 5 title "cat (floor)", \
     datafile using 2:8 with linespoints lw 1 dt 2 pt 6 lc rgb "#9400d3" title "modlint CPU time (user+sys)", \
     t1 / mb1 * x with lines dt 3 lc rgb "gray40" title "modlint at 1x, scaled linearly", \
     datafile using 2:3:(sprintf("%dx", $1)) with labels offset 0,1 notitle

set ylabel "peak RSS (MB)"
set title "modlint peak RSS against input size"
set yrange [0:(rssmax > 50 ? rssmax * 1.15 : 60)]
plot datafile using 2:7 with linespoints lw 2 pt 7 title "modlint peak RSS", \
     50 with lines dt 2 lc rgb "red" title "target: 50 MB"

unset multiplot
